/**
 * Building blocks every feature uses: payment references, ISO codes, phone numbers, problem details.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.overdue.shared;
