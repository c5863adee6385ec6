/**
 * {@code vigil}, the command line: a workspace from a terminal and from CI, through the public HTTP API only
 * (docs/api.md). {@link dev.vigil.cli.VigilCli} is the root command and maps failures to exit codes;
 * {@link dev.vigil.cli.VigilApi} speaks HTTP; {@link dev.vigil.cli.CliConfig} keeps the key (0600);
 * {@link dev.vigil.cli.DocumentFiles} reads vigil.yaml and resolves its environment references; {@link
 * dev.vigil.cli.Output} prints aligned tables or JSON.
 */
package dev.vigil.cli;
