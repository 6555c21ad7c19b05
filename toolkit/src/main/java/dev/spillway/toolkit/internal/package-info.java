/**
 * Implementation details shared by the toolkit's packages. <strong>Not API:</strong> anything in
 * this package may change or disappear in any release; do not depend on it.
 */
package dev.spillway.toolkit.internal;
