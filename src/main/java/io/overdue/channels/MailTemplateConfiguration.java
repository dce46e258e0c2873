package io.overdue.channels;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

import java.util.Set;

/**
 * Plain-text mail and SMS templates, and HTML mail templates named with their extension, beside the HTML page
 * templates; Boot's template engine picks up every resolver. Shared HTML fragments ({@code notice/*}) and the
 * letters are found by Boot's own resolver.
 */
@Configuration(proxyBeanMethods = false)
class MailTemplateConfiguration {

    /** Where the templates are; {@link EmailChannel} looks here for an HTML version of a mail. */
    static final String LOCATION = "classpath:/templates/";

    @Bean
    SpringResourceTemplateResolver mailTextTemplateResolver() {
        return resolver(Set.of("mail/*.txt", "sms/*.txt"), TemplateMode.TEXT, 0);
    }

    @Bean
    SpringResourceTemplateResolver mailHtmlTemplateResolver() {
        return resolver(Set.of("mail/*.html"), TemplateMode.HTML, 1);
    }

    private static SpringResourceTemplateResolver resolver(Set<String> patterns, TemplateMode mode, int order) {
        SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
        resolver.setPrefix(LOCATION);
        resolver.setResolvablePatterns(patterns);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }
}
