package io.overdue.channels;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;

/**
 * Engine glue for the last attempt at an outbox message: a job of the message's case, so that when it fails the
 * failure is an incident in Cockpit, on the case, with the error; and Cockpit's Retry (or the REST API's
 * {@code PUT /job/{id}/retries}) runs it again. Registered as the engine's custom job handler.
 */
@Component
class LastDeliveryAttempt extends AbstractProcessEnginePlugin
        implements JobHandler<LastDeliveryAttempt.OutboxMessageId> {

    static final String TYPE = "overdue-last-delivery-attempt";

    // The sender needs the engine, and the engine is built with this handler: the sender is looked up when a job runs.
    private final ObjectProvider<OutboxSender> sender;

    LastDeliveryAttempt(ObjectProvider<OutboxSender> sender) {
        this.sender = sender;
    }

    record OutboxMessageId(long id) implements JobHandlerConfiguration {
        @Override
        public String toCanonicalString() {
            return String.valueOf(id);
        }
    }

    /** Schedules the last attempt at {@code due}, on the message's case when it has one, in the running command. */
    static void schedule(CommandContext context, OutboxMessage message, Instant due) {
        MessageEntity job = new MessageEntity();
        job.setJobHandlerType(TYPE);
        job.setJobHandlerConfigurationRaw(String.valueOf(message.id()));
        // One attempt: when it fails, the engine has no retries left and raises the incident.
        job.setRetries(1);
        job.setDuedate(Date.from(due));
        ExecutionEntity instance = message.processInstanceId() == null ? null
                : context.getExecutionManager().findExecutionById(message.processInstanceId());
        if (instance != null) {
            job.setExecution(instance);
            job.setProcessDefinitionId(instance.getProcessDefinitionId());
            job.setProcessDefinitionKey(instance.getProcessDefinition().getKey());
            job.setTenantId(instance.getTenantId());
        }
        context.getJobManager().send(job);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomJobHandlers() == null) {
            configuration.setCustomJobHandlers(new ArrayList<>());
        }
        configuration.getCustomJobHandlers().add(this);
    }

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public void execute(OutboxMessageId configuration, ExecutionEntity execution, CommandContext commandContext,
                        String tenantId) {
        sender.getObject().lastAttempt(configuration.id());
    }

    @Override
    public OutboxMessageId newConfiguration(String canonicalString) {
        return new OutboxMessageId(Long.parseLong(canonicalString));
    }

    @Override
    public void onDelete(OutboxMessageId configuration, JobEntity jobEntity) {
        // Its case ended (paid, written off, cancelled): the message stays FAILED in the outbox, where the log shows it.
    }
}
