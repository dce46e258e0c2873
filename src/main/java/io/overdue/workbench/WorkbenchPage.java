package io.overdue.workbench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of another module whose pages are workbench pages (its layout, top bar and login): they get what
 * every workbench page needs in its model, as the workbench's own do.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface WorkbenchPage {
}
