/**
 * The problems a request can meet, as exceptions the features throw and {@code web.ApiExceptionHandler}
 * maps to RFC 9457 problem details: the stable problem types ({@link dev.logreg.problem.ApiProblems}),
 * an invalid request and its field errors (400), a model or job not found (404), a body too large (413),
 * a full store or a busy or unreachable service (503). It imports no other package of the service, so
 * the features and the web layer both depend on it and not on each other.
 */
package dev.logreg.problem;
