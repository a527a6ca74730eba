/**
 * What a backup looks like in the object store: where each object lives ({@link
 * dev.cassini.contract.backup.BackupLayout}) and the JSON documents that describe a backup ({@link
 * dev.cassini.contract.backup.NodeManifest}, {@link dev.cassini.contract.backup.BackupIndex}). The
 * agent writes them, the operator and the CLI read them, and a restore may run years later with
 * another build, so a field is only ever added, never renamed or removed.
 */
package dev.cassini.contract.backup;
