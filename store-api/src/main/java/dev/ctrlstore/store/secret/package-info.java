/**
 * The secrets subsystem: {@link dev.ctrlstore.store.secret.Secret} records holding a
 * {@link dev.ctrlstore.store.secret.SecretValue}, their store, and the {@link dev.ctrlstore.store.secret.SecretCipher}
 * SPI with which persistent backends encrypt values at rest ({@link dev.ctrlstore.store.secret.AesGcmSecretCipher}).
 */
package dev.ctrlstore.store.secret;
