/**
 * The collectors' workbench: our own pages next to the Camunda web apps, sharing their login (docs/workbench.md). The
 * work queue orders the open tasks of every case by what matters most; the pages read the cases' tables directly
 * (a read model: one query per page, whatever the number of cases) and act through the engine's services.
 */
package io.overdue.workbench;
