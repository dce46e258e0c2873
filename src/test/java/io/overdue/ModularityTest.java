package io.overdue;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** Feature modules depend on each other only through their public API, and without cycles. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(OverdueApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    @Test
    void theExpectedFeatureModulesExist() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("customers", "invoices", "dunning", "channels", "charges", "credit", "agency", "identity", "engine", "demo", "shared",
                        "disputes", "promises", "plans", "payments", "reports");
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
