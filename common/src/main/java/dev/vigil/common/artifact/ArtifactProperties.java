package dev.vigil.common.artifact;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.artifacts.*}: where screenshots of failed browser checks are kept. Whatever the store, a screenshot is
 * kept as long as the results it belongs to ({@code vigil.storage.raw-retention}).
 *
 * @param store where: {@code postgresql} (in {@code check_artifacts}, the default) or {@code s3}
 * @param s3    the S3-compatible store, when {@code store=s3}
 */
@ConfigurationProperties("vigil.artifacts")
public record ArtifactProperties(@DefaultValue("postgresql") Store store,
                                 @NestedConfigurationProperty @DefaultValue S3 s3) {

    /** The stores a screenshot can be kept in. */
    public enum Store {
        POSTGRESQL, S3
    }

    public ArtifactProperties {
        if (store == Store.S3 && (s3 == null || s3.bucket() == null || s3.bucket().isBlank())) {
            throw new IllegalArgumentException("vigil.artifacts.s3.bucket must be set when vigil.artifacts.store=s3");
        }
    }

    /**
     * An S3-compatible object store (AWS S3, MinIO, Ceph, R2...).
     *
     * @param bucket          the bucket; Vigil never creates it
     * @param prefix          prefix of every object key (keys are {@code prefix + workspace/monitor/job.png})
     * @param region          the bucket's AWS region (any value for most S3-compatible servers)
     * @param endpoint        endpoint override for S3-compatible servers; null for AWS
     * @param pathStyle       {@code http://host/bucket/key} rather than {@code http://bucket.host/key}: what most
     *                        S3-compatible servers (and an endpoint given as an IP address) need
     * @param accessKeyId     static credentials; when absent AWS's default credential chain is used (the task role)
     * @param secretAccessKey the matching secret (environment variable {@code VIGIL_ARTIFACTS_S3_SECRET_ACCESS_KEY})
     * @param timeout         one request's time limit
     */
    public record S3(String bucket, @DefaultValue("screenshots/") String prefix,
                     @DefaultValue("us-east-1") String region, URI endpoint,
                     @DefaultValue("false") boolean pathStyle, String accessKeyId, String secretAccessKey,
                     @DefaultValue("10s") Duration timeout) {

        @Override
        public String toString() {
            // Never print the secret.
            return "S3[bucket=" + bucket + ", prefix=" + prefix + ", region=" + region + ", endpoint=" + endpoint
                    + ", pathStyle=" + pathStyle + "]";
        }
    }
}
