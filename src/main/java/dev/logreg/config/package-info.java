/**
 * The service's configuration, {@code logreg.*} ({@link dev.logreg.config.LogregProperties}), bound and
 * validated at start-up. It imports no other package of the service, so every feature may read it.
 */
package dev.logreg.config;
