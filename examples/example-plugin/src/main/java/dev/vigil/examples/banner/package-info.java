/** The reference probe plugin: a service-greeting ("banner") check built on the plugin API alone. */
package dev.vigil.examples.banner;
