package dev.vigil.api.monitor;

import dev.vigil.api.persistence.AssignedIdEntity;
import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.check.MonitorType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Formula;

/** A monitor as stored. The type-specific definition is the wire {@link CheckSpec}, kept as JSON. */
@Entity
@Table(name = "monitors")
public class Monitor extends AssignedIdEntity<UUID> {

    @Id
    private UUID id;
    private UUID workspaceId;
    private String name;
    @Enumerated(EnumType.STRING)
    private MonitorType type;
    @Convert(converter = CheckSpecConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    private CheckSpec checkSpec;
    private int intervalSeconds;
    private int timeoutMs;
    @Column(columnDefinition = "text[]")
    private String[] regions;
    private int confirmations;
    private Integer degradedAboveMs;
    private boolean paused;
    /** Written by the alerting service; never by this one, so a monitor edit cannot overwrite a newer status. */
    @Column(updatable = false)
    private String status;
    private String pingToken;
    private UUID groupId;
    // Noise settings (issue 19); null: the deployment's.
    private Integer failuresInRow;
    private Integer recoveryRounds;
    private Boolean flapDetection;
    private Integer flapTransitions;
    private Integer flapWindowRounds;
    /** Written by the alerting service (monitor_states); read here for the API's {@code flapping}. */
    @Formula("(SELECT s.flapping FROM monitor_states s WHERE s.monitor_id = id)")
    private Boolean flapping;
    @Column(updatable = false)
    private Instant createdAt;
    private Instant updatedAt;

    protected Monitor() {
    }

    public Monitor(UUID workspaceId, MonitorDefinition definition, Instant now) {
        this.id = UUID.randomUUID();
        this.workspaceId = workspaceId;
        this.status = "PENDING";
        this.createdAt = now;
        apply(definition, now);
    }

    /** Replaces every user-settable field; the pause state only when the definition names one. */
    public void apply(MonitorDefinition definition, Instant now) {
        this.name = definition.name();
        this.type = definition.check().type();
        this.checkSpec = definition.check();
        this.intervalSeconds = definition.intervalSeconds();
        this.timeoutMs = definition.timeoutMs();
        this.regions = definition.regions().toArray(String[]::new);
        this.confirmations = definition.confirmations();
        this.degradedAboveMs = definition.degradedAboveMs();
        this.groupId = definition.groupId();
        NoiseSettings noise = definition.noise();
        this.failuresInRow = noise.failuresInRow();
        this.recoveryRounds = noise.recoveryRounds();
        this.flapDetection = noise.flapDetection();
        this.flapTransitions = noise.flapTransitions();
        this.flapWindowRounds = noise.flapWindowRounds();
        if (definition.paused() != null) {
            this.paused = definition.paused();
        }
        this.updatedAt = now;
    }

    /** Pauses or resumes; answers whether anything changed. */
    public boolean setPaused(boolean newPaused, Instant now) {
        if (paused == newPaused) {
            return false;
        }
        paused = newPaused;
        updatedAt = now;
        return true;
    }

    /** Sets or clears (null) the heartbeat ping token. */
    void usePingToken(String token, Instant now) {
        this.pingToken = token;
        this.updatedAt = now;
    }

    @Override
    public UUID getId() {
        return id;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public String getName() {
        return name;
    }

    public MonitorType getType() {
        return type;
    }

    public CheckSpec getCheckSpec() {
        return checkSpec;
    }

    public int getIntervalSeconds() {
        return intervalSeconds;
    }

    public int getTimeoutMs() {
        return timeoutMs;
    }

    public List<String> getRegions() {
        return List.of(regions);
    }

    public int getConfirmations() {
        return confirmations;
    }

    public Integer getDegradedAboveMs() {
        return degradedAboveMs;
    }

    public boolean isPaused() {
        return paused;
    }

    /** PENDING, UP, DEGRADED or DOWN as the alerting service last set it; PAUSED while paused. */
    public String getStatus() {
        return paused ? "PAUSED" : status;
    }

    /** The group (folder) it is in, or null. */
    public UUID getGroupId() {
        return groupId;
    }

    /** Its own noise settings; {@link NoiseSettings#DEPLOYMENT} when it has none. */
    public NoiseSettings getNoise() {
        return new NoiseSettings(failuresInRow, recoveryRounds, flapDetection, flapTransitions, flapWindowRounds);
    }

    /** Whether the alerting service found it flapping at its last evaluation. */
    public boolean isFlapping() {
        return Boolean.TRUE.equals(flapping);
    }

    public String getPingToken() {
        return pingToken;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

}
