package io.overdue.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The intake API as ERP integrators see it at /v3/api-docs and /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    OpenAPI overdueOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Overdue API").version("v1").description("""
                        Customers and invoices from the ERP; every open invoice becomes a collection case.
                        Requests are idempotent: sending the same data again changes nothing. Bad input is refused
                        with 400 application/problem+json naming every field (and CSV row) at fault, and nothing
                        of a refused request is written."""))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A user of Camunda's identity service (groups integrations, managers, camunda-admin; collectors may read)")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
