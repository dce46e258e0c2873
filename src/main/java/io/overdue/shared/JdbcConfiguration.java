package io.overdue.shared;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/**
 * Spring Data JDBC quotes table and column names by default, which makes them case-sensitive: H2 stores
 * unquoted names in upper case and PostgreSQL in lower case, so one set of quoted names cannot fit both.
 * Unquoted names work on both.
 */
@Configuration(proxyBeanMethods = false)
class JdbcConfiguration {

    @Bean
    static BeanPostProcessor unquotedIdentifiers() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof RelationalMappingContext context) {
                    context.setForceQuote(false);
                }
                return bean;
            }
        };
    }
}
