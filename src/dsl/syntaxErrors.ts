/**
 * Turns Chevrotain's recognition errors into the catalogue's words: "expected a duration
 * such as 30s after `within`, found `3`". The parser is built with this message provider;
 * each message is the JSON of a MessageText so that code and hint survive the trip through
 * Chevrotain's exceptions (decodeSyntaxMessage reads it back).
 */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import { messages, oneOf, quote, type MessageText } from "./messages.ts";
import { suggest } from "../text/suggest.ts";

/** How an expected token reads in a sentence, by token type (or category) name. */
const expectedWords: Record<string, string> = {
  Duration: "a duration such as 30s",
  DurationLiteral: "a duration such as 30s",
  MinutesOrMillis: "an amount such as 500m",
  CpuQuantity: "a CPU amount such as 500m or 1.5",
  MemoryQuantity: "a memory amount such as 50Mi",
  ByteQuantity: "a memory amount such as 50Mi",
  NumberLike: "a number",
  NumberLiteral: "a number",
  ExponentNumber: "a number",
  StringLike: 'a string in double quotes such as "text"',
  StringLiteral: 'a string in double quotes such as "text"',
  Name: "a name",
  Identifier: "a name",
  CompareOp: "a comparison (==, !=, >=, <=, >, <)",
  QuantityWord: "a quantity such as replicas or ready",
  Bool: "True or False",
  Percent: "a percentage such as 80%",
  Rate: "a rate such as 100/s",
  ObjectRef: "an object such as deployment/web",
  KindWord: "a kind such as deployment or hpa",
  Heredoc: "a heredoc (<<YAML … YAML)",
  Kubectl: "a kubectl command",
  ImageRef: "an image such as nginx:1.25",
  Equals: "`=`",
  Newline: "a new line",
  Semicolon: "`;`",
  EOF: "the end of the file",
  True: "`True`",
  False: "`False`",
  DurationWord: "`duration`",
  EqEq: "`==`",
  NotEq: "`!=`",
  GtEq: "`>=`",
  LtEq: "`<=`",
  Gt: "`>`",
  Lt: "`<`",
};

/** Token types that stand for a duration (the error then shows how one is written). */
const isDuration = (type: TokenType | undefined): boolean =>
  type?.name === "Duration" || type?.name === "DurationLiteral";

function describeExpected(type: TokenType): string {
  const words = expectedWords[type.name];
  if (words !== undefined) return words;
  // Keywords carry their spelling as LABEL (they have no pattern: see tokens.ts).
  if (type.LABEL !== undefined) return `\`${type.LABEL}\``;
  return typeof type.PATTERN === "string" ? `\`${type.PATTERN}\`` : type.name;
}

/** How a found token reads: "`3`", "the end of the line", "the end of the file". */
export function describeFound(token: IToken | undefined): string {
  if (token === undefined || token.tokenType === EOF) return "the end of the file";
  switch (token.tokenType.name) {
    case "Newline":
      return "the end of the line";
    case "Heredoc":
      return `a heredoc \`${token.image.split("\n")[0]}\``;
    case "Kubectl":
      return "`kubectl`";
    default:
      return quote(token.image);
  }
}

/** How the token before the error reads ("`within`"), or undefined at a statement's start. */
function describePrevious(token: IToken | undefined): string | undefined {
  if (token === undefined || token.tokenType === EOF || isSeparator(token) || !token.image) return undefined;
  if (token.tokenType.name === "Heredoc") return `the heredoc \`${token.image.split("\n")[0]}\``;
  return quote(token.image);
}

const isSeparator = (token: IToken): boolean =>
  token.tokenType.name === "Newline" || token.tokenType.name === "Semicolon";

const statementWords = [
  "scenario",
  "manifest",
  "set",
  "apply",
  "kubectl",
  "load",
  "watch",
  "nodes",
  "autoscale",
  "explain",
  "fault",
  "run",
  "expect",
  "at",
  "after",
];

/** The words a rule's alternatives start with, for "expected …" lists. */
const ruleWords: Record<string, string> = {
  statement: "a statement",
  command: "a statement",
  expectation:
    "a quantity such as replicas, pods, ready, available, updated, desired, utilization, image, condition, event or rollout",
  loadStatement: "cpu, memory, requests, metric or off",
  cpuLoad: "a CPU amount such as 500m, 1.5 or 80%, or `steps`",
  cpuAmount: "a CPU amount such as 500m, 1.5 or 80%",
  settingValue: "a value such as 15s, 0.1, 10%, 50Mi or true",
  expectValue: 'a value such as 3, 80%, 30s or "text"',
  metricValue: "a number such as 250, 500m or 1k",
  metricName: "a metric name",
  manifestSource: 'a heredoc (<<YAML) or file "PATH"',
  applyStatement: 'a manifest name, a heredoc (<<YAML) or file "PATH"',
  target: "an object such as deployment/web, or a kind such as hpa",
  timing: "a timing: within, at, for, always, never or from",
  explainWindow: "at T or from T1 to T2",
  timeMark: "at or after",
  runStatement: "for or until",
  imageExpectation: "an image such as nginx:1.25",
  imageName: "an image such as nginx:1.25",
};

/** What a missing Name is, by the rule that wanted it. */
function nameWords(ruleName: string, previous: IToken | undefined): string | undefined {
  switch (ruleName) {
    case "setStatement":
      return "a setting such as hpa.sync-period";
    case "manifestStatement":
      return "a manifest name";
    case "metricName":
      return "a metric name";
    case "conditionExpectation":
      return previous?.image === "reason"
        ? "a reason such as TooManyReplicas"
        : "a condition type such as ScalingActive";
    default:
      return undefined;
  }
}

function atStatementStart(previous: IToken | undefined): boolean {
  return previous === undefined || previous.tokenType === EOF || isSeparator(previous) || !previous.image;
}

/** "expected a statement, found `foo`", with a did-you-mean among statement keywords. */
export function statementError(actual: IToken, after?: string): MessageText {
  const suggestion = /^[A-Za-z]/.test(actual.image) ? suggest(actual.image, statementWords) : undefined;
  return messages.expectedStatement(describeFound(actual), suggestion, after);
}

/** A token that was read, as a sentence names it: "`deploy`", "the heredoc `<<YAML`". */
export function describeToken(token: IToken): string {
  return describePrevious(token) ?? describeFound(token);
}

const encode = (m: MessageText): string => JSON.stringify(m);

export const syntaxErrorProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    if (expected === EOF) {
      if (atStatementStart(previous)) return encode(statementError(actual));
      return encode(
        messages.expectedEndOfStatement(describePrevious(previous) ?? "the statement", describeFound(actual)),
      );
    }
    const words = (expected.name === "Name" && nameWords(ruleName, previous)) || describeExpected(expected);
    return encode(
      messages.expectedToken(words, describePrevious(previous), describeFound(actual), isDuration(expected)),
    );
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    // index.ts rewords this from the token stream (the statement's real last token).
    return encode(messages.expectedEndOfStatement("the statement", describeFound(firstRedundant)));
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName }) {
    const found = actual[0];
    if ((ruleName === "statement" || ruleName === "command") && atStatementStart(previous)) {
      return encode(statementError(found));
    }
    const firsts = expectedPathsPerAlt
      .flatMap((paths) => paths.map((path) => path[0]))
      .filter((t) => t !== undefined);
    const described = ruleWords[ruleName];
    const words = described ?? oneOf([...new Set(firsts.map(describeExpected))]);
    const duration = described === undefined && isDuration(firsts[0]);
    return encode(messages.expectedToken(words, describePrevious(previous), describeFound(found), duration));
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, previous }) {
    // The rule name would describe the whole rule; what is missing is one iteration.
    const firsts = expectedIterationPaths.map((path) => path[0]).filter((t) => t !== undefined);
    const words = [...new Set(firsts.map((t) => describeExpected(t).replace(/^an? /, "")))];
    return encode(
      messages.expectedToken(
        `at least one ${oneOf(words)}`,
        describePrevious(previous),
        describeFound(actual[0]),
      ),
    );
  },
};

/** Reads back what syntaxErrorProvider encoded (any other text becomes a plain RC2001). */
export function decodeSyntaxMessage(text: string): MessageText {
  try {
    const parsed = JSON.parse(text) as MessageText;
    if (typeof parsed.code === "string" && typeof parsed.message === "string") return parsed;
  } catch {
    // Not ours: fall through.
  }
  return { code: messages.expectedToken.code, message: text };
}
