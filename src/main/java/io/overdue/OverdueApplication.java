package io.overdue;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OverdueApplication {

    public static void main(String[] args) {
        SpringApplication.run(OverdueApplication.class, args);
    }
}
