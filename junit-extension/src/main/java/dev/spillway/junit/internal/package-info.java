/**
 * Implementation of Spillway's JUnit extension. <strong>Not API:</strong> anything in this package
 * may change or disappear in any release; do not depend on it.
 */
package dev.spillway.junit.internal;
