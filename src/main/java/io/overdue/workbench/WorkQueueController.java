package io.overdue.workbench;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.List;

/** The work queue page, and claiming a task from it. */
@Controller
class WorkQueueController {

    /** Tasklist's address for one task: its form opens beside the list. */
    static final String TASKLIST_TASK = "/camunda/app/tasklist/default/#/?task=";

    private final WorkQueue queue;
    private final TaskService tasks;
    private final IdentityService identity;
    private final Clock clock;

    WorkQueueController(WorkQueue queue, TaskService tasks, IdentityService identity, Clock clock) {
        this.queue = queue;
        this.tasks = tasks;
        this.identity = identity;
        this.clock = clock;
    }

    static WorkQueue.Viewer viewer(Authentication authentication) {
        return new WorkQueue.Viewer(authentication.getName(),
                authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    }

    @GetMapping("/workbench")
    String queue(Authentication authentication, Model model,
                 @RequestParam(required = false) String type, @RequestParam(required = false) String country,
                 @RequestParam(required = false) Integer level, @RequestParam(required = false) String assignee,
                 @RequestParam(defaultValue = "0") int page) {
        WorkQueue.Filter filter = new WorkQueue.Filter(type, country, level, assignee);
        model.addAttribute("page", queue.find(viewer(authentication), filter, page));
        model.addAttribute("filter", filter);
        model.addAttribute("taskTypes", queue.taskTypes());
        model.addAttribute("assignees", queue.assignees());
        model.addAttribute("countries", queue.countries());
        model.addAttribute("tasklist", TASKLIST_TASK);
        model.addAttribute("now", clock.instant());
        return "workbench/queue";
    }

    /**
     * Claims the task for the user, as the engine's own authorizations allow, and opens it: in Tasklist, where its form
     * is, or back in the queue.
     */
    @PostMapping("/workbench/tasks/{taskId}/claim")
    String claim(@PathVariable String taskId, @RequestParam(defaultValue = "queue") String open,
                 @RequestParam(required = false) String back, Authentication authentication, RedirectAttributes redirect) {
        WorkQueue.Viewer viewer = viewer(authentication);
        identity.setAuthentication(viewer.userId(), viewer.groups());
        try {
            Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
            if (task == null) {
                redirect.addFlashAttribute("problem", "workbench.claim.gone");
                return "redirect:" + WorkbenchController.back(back);
            }
            if (!viewer.userId().equals(task.getAssignee())) {
                tasks.claim(taskId, viewer.userId());
            }
        } catch (ProcessEngineException e) {
            // Someone else claimed it a moment ago, or the user may not: the queue says so and shows who has it now.
            redirect.addFlashAttribute("problem", "workbench.claim.refused");
            redirect.addFlashAttribute("problemDetail", e.getMessage());
            return "redirect:" + WorkbenchController.back(back);
        } finally {
            identity.clearAuthentication();
        }
        if ("tasklist".equals(open)) {
            return "redirect:" + TASKLIST_TASK + taskId;
        }
        redirect.addFlashAttribute("claimed", taskId);
        return "redirect:" + WorkbenchController.back(back);
    }
}
