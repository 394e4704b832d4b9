/**
 * The audit trail: records operators' and admins' actions (REST and JMX) with who, what, when and
 * outcome, and reads them back page by page.
 */
package io.agentry.audit.control;
