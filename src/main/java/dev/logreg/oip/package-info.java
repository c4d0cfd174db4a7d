/**
 * The Open Inference Protocol (KServe V2) over REST, so that inference gateways and Triton or
 * KServe clients can call the stored models unchanged: health, server and model metadata, model
 * readiness and {@code POST /v2/models/{id}/infer}. Errors on {@code /v2} are the protocol's
 * {@code {"error": "..."}}, not problem documents.
 */
package dev.logreg.oip;
