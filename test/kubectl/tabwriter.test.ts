import { describe, expect, it } from "vitest";
import { DESCRIBE_TABWRITER, GET_TABWRITER, tabwrite } from "../../src/text/tabwriter.ts";

// Go text/tabwriter semantics (tabwriter.go format/writeLines), with kubectl's two settings.
describe("tabwrite", () => {
  it("kubectl get: min width 6, padding 3, last cell unpadded", () => {
    expect(tabwrite("NAME\tREADY\tAGE\nweb-1\t1/1\t4s\n", GET_TABWRITER)).toBe(
      "NAME    READY   AGE\nweb-1   1/1     4s\n",
    );
  });

  it("min width applies to short columns (seed 000: READY/STATUS)", () => {
    expect(tabwrite("A\tB\nx\ty\n", GET_TABWRITER)).toBe("A     B\nx     y\n");
  });

  it("describe: padding 2; a line without a tab ends the column block", () => {
    const text =
      "    Image:\tbusybox:v3\n    Port:\t<none>\n    Host Port:\t<none>\n    Command:\n      sleep\n    Environment:\t<none>\n    Mounts:\t<none>\n";
    expect(tabwrite(text, DESCRIBE_TABWRITER)).toBe(
      "    Image:      busybox:v3\n    Port:       <none>\n    Host Port:  <none>\n    Command:\n      sleep\n    Environment:  <none>\n    Mounts:       <none>\n",
    );
  });

  it("column blocks nest: a run with more cells gets its own widths", () => {
    const text =
      "Conditions:\n  Type\tStatus\tReason\n  Available \tTrue\tMinimumReplicasAvailable\nOldReplicaSets:\t<none>\n";
    // Column 0 spans the three tabbed lines (widest "OldReplicaSets:" → 17); column 1 only the two condition lines.
    expect(tabwrite(text, DESCRIBE_TABWRITER)).toBe(
      "Conditions:\n  Type           Status  Reason\n  Available      True    MinimumReplicasAvailable\nOldReplicaSets:  <none>\n",
    );
  });

  it("counts characters, not bytes", () => {
    expect(tabwrite("é\tx\nab\ty\n", DESCRIBE_TABWRITER)).toBe("é   x\nab  y\n");
  });

  it("remembered widths only grow (kubectl get -w)", () => {
    const widths: number[] = [];
    tabwrite("NAME\tAGE\nlong-name-here\t1s\n", { ...GET_TABWRITER, rememberWidths: widths });
    expect(tabwrite("a\t2s\n", { ...GET_TABWRITER, rememberWidths: widths })).toBe("a".padEnd(17) + "2s\n");
  });
});
