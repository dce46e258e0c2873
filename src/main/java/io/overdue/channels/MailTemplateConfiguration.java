package io.overdue.channels;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Plain-text mail and SMS templates beside the HTML page templates; Boot's template engine picks up every
 * resolver.
 */
@Configuration(proxyBeanMethods = false)
class MailTemplateConfiguration {

    @Bean
    SpringResourceTemplateResolver mailTextTemplateResolver() {
        SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
        resolver.setPrefix("classpath:/templates/");
        resolver.setResolvablePatterns(java.util.Set.of("mail/*.txt", "sms/*.txt"));
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setOrder(0);
        return resolver;
    }
}
