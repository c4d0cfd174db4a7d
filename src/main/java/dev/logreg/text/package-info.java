/** Reading values from request text (query parameters, CSV cells) strictly; no framework. */
package dev.logreg.text;
