/**
 * The admin subsystem: the global tenant registry ({@link dev.ctrlstore.store.admin.Tenant} with its plan and
 * {@link dev.ctrlstore.store.admin.Quota}) and each tenant's append-only audit log, behind
 * {@link dev.ctrlstore.store.admin.AdminStore}.
 */
package dev.ctrlstore.store.admin;
