/** An in-JVM SQS server (ElasticMQ) for local mode and tests. */
package dev.vigil.common.sqs.embedded;
