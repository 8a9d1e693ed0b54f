// Lists the longest functions of the given folders, measured in source lines (first line of the
// declaration to its closing brace, nested functions included), with the TypeScript compiler.
// Test files (*.test.ts) are left out unless --tests is given: a `describe` callback is not code
// anyone calls.
//
//   npx tsx scripts/function-lengths.ts electron core/src          the longest, and all over 100
//   npx tsx scripts/function-lengths.ts --over 80 --top 5 electron
//   npx tsx scripts/function-lengths.ts --name createCore core/src one function's length
//
// Exits 1 when a function is over --max (when given), so that it can guard a limit.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface FunctionLength {
  file: string;
  name: string;
  line: number;
  lines: number;
}

/** Every function of one source text (declarations, methods, accessors, arrows, expressions). */
export function functionLengths(text: string, file: string): FunctionLength[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: FunctionLength[] = [];
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = lineOf(node.getStart(source));
      found.push({ file, name: nameOf(node), line: start, lines: lineOf(node.end) - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A function's own name, or the name it is given (`const f = () => …`, `{ f: () => … }`). */
function nameOf(node: ts.Node): string {
  const own = (node as { name?: ts.Node }).name;
  if (own && (ts.isIdentifier(own) || ts.isStringLiteral(own) || ts.isPrivateIdentifier(own))) {
    return ts.isConstructorDeclaration(node) ? 'constructor' : own.text;
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))) {
    if (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name)) return parent.name.text;
  }
  if (parent && ts.isCallExpression(parent)) return `(argument of ${parent.expression.getText()})`;
  return '(anonymous)';
}

/** The .ts files under `dir` (node_modules, out and dist skipped; tests only when asked). */
export function sourceFiles(dir: string, tests: boolean): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'out', 'dist'].includes(entry.name)) {
        files.push(...sourceFiles(path, tests));
      }
    } else if (/\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      if (tests || !/\.test\.ts$/.test(entry.name)) files.push(path);
    }
  }
  return files;
}

interface Options {
  folders: string[];
  over: number;
  top: number;
  tests: boolean;
  name?: string;
  max?: number;
}

export function parseArgs(args: readonly string[]): Options {
  const options: Options = { folders: [], over: 100, top: 1, tests: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    const value = () => {
      const next = args[(i += 1)];
      if (next === undefined) throw new Error(`${arg} needs a value.`);
      return next;
    };
    if (arg === '--over') options.over = Number(value());
    else if (arg === '--top') options.top = Number(value());
    else if (arg === '--max') options.max = Number(value());
    else if (arg === '--name') options.name = value();
    else if (arg === '--tests') options.tests = true;
    else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}.`);
    else options.folders.push(arg);
  }
  if (options.folders.length === 0) throw new Error('Name at least one folder, e.g. electron.');
  return options;
}

const show = (f: FunctionLength) =>
  `${String(f.lines).padStart(5)}  ${f.file}:${f.line}  ${f.name}`;

function run(args: readonly string[]): number {
  const options = parseArgs(args);
  let failed = false;
  for (const folder of options.folders) {
    const all = sourceFiles(folder, options.tests)
      .flatMap((file) => functionLengths(readFileSync(file, 'utf8'), relative('.', file)))
      .filter((f) => options.name === undefined || f.name === options.name)
      .sort((a, b) => b.lines - a.lines);
    const longest = all[0];
    console.log(`${folder}: longest function ${longest ? longest.lines : 0} lines`);
    const listed = all.filter((f, i) => i < options.top || f.lines > options.over);
    for (const f of listed) console.log(show(f));
    if (options.max !== undefined && longest && longest.lines > options.max) failed = true;
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  try {
    process.exitCode = run(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}
