/** What every kubectl printer does to a value before it reaches the terminal. */

/**
 * printers.EscapeTerminal (cli-runtime printers/terminal.go): ESC and carriage return written
 * out as `^[` and `\r`, so a value cannot drive the terminal (kubernetes issue #101695).
 */
export function escapeTerminal(s: string): string {
  return s.replaceAll("\u001b", "^[").replaceAll("\r", "\\r");
}
