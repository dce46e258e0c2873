package io.overdue.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Deploys the models of {@code bpmn/} and the forms of {@code forms/}, the very files managers open in the
 * Modeler. Resource names are the stable relative paths and duplicate filtering is on, so a restart
 * deploys nothing new and a changed file makes a new version of that file only. Forms are listed
 * explicitly because the engine's own auto-deployment leaves {@code .form} files out.
 */
@Component
class ModelDeployment extends AbstractProcessEnginePlugin {

    static final String DEPLOYMENT_NAME = "overdue-models";
    static final List<String> PATTERNS = List.of("classpath*:bpmn/*.bpmn", "classpath*:bpmn/*.dmn", "classpath*:forms/*.form");

    private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
                .name(DEPLOYMENT_NAME)
                .source("overdue")
                .enableDuplicateFiltering(true);
        List<Resource> resources = resources();
        for (Resource resource : resources) {
            String name = resourceName(resource);
            try (InputStream in = resource.getInputStream()) {
                builder.addInputStream(name, new java.io.ByteArrayInputStream(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model " + name, e);
            }
        }
        DeploymentWithDefinitions deployment = builder.deployWithResult();
        List<ProcessDefinition> changed = deployment.getDeployedProcessDefinitions() == null ? List.of()
                : deployment.getDeployedProcessDefinitions();
        log.info("Models checked: {} file(s); new versions: {}", resources.size(),
                changed.isEmpty() ? "none" : changed.stream().map(d -> d.getKey() + " v" + d.getVersion()).toList());
    }

    static List<Resource> resources() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        return PATTERNS.stream().flatMap(pattern -> {
            try {
                return Arrays.stream(resolver.getResources(pattern));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sorted(Comparator.comparing(ModelDeployment::resourceName)).toList();
    }

    /** "bpmn/collection-case.bpmn": the folder and file name, whatever the classpath location. */
    static String resourceName(Resource resource) {
        try {
            String url = resource.getURL().toString();
            String file = resource.getFilename();
            String folder = url.contains("/forms/" + file) ? "forms/" : "bpmn/";
            return folder + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
