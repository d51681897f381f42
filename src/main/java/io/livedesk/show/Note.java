package io.livedesk.show;

import java.io.Serializable;

/** A private note from backstage to the host, shown until the host acknowledges it. */
public record Note(String id, String text, long sentAt, Long ackedAt) implements Serializable {}
