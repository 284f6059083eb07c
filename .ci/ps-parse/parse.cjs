'use strict';
// Parses PowerShell scripts with the tree-sitter PowerShell grammar and reports every syntax error.
//
//   node parse.cjs [--functions] FILE...
//
// Prints one line per ERROR or MISSING node, "FILE:LINE:COL: error: ...", then a summary line.
// With --functions it first prints one line per function or filter definition, at any depth:
// "function " and a JSON object {"file", "line", "name", "text"}, text being the whole definition as
// the grammar delimits it (ScriptHelpersTest compares the definitions of the generated scripts).
// Exit code: 0 when every file parses cleanly, 1 when any file has an error, 2 on a usage or
// internal error (missing packages, unreadable file). The grammar is the WASM build shipped in the
// tree-sitter-powershell package, loaded through web-tree-sitter: no native code, no download.
// The versions are pinned in package.json and package-lock.json next to this file.

// Liftoff is V8's baseline WebAssembly compiler. Without this flag V8 also compiles the grammar with its
// optimising compiler in the background and node waits for that before it exits (about 5 s here);
// with it a whole run takes a fraction of a second.
require('v8').setFlagsFromString('--liftoff-only');

const fs = require('fs');
const path = require('path');

function snippet(text, node) {
  const end = Math.min(node.endIndex, node.startIndex + 40);
  return JSON.stringify(text.slice(node.startIndex, end));
}

// Emits the ERROR and MISSING nodes under node. An ERROR node is reported once, not its contents.
function collect(node, out) {
  if (node.isError) {
    out.push(node);
    return;
  }
  if (node.isMissing) {
    out.push(node);
  }
  if (!node.hasError) {
    return;
  }
  for (let i = 0; i < node.childCount; i++) {
    collect(node.child(i), out);
  }
}

// Emits the function_statement nodes under node (function and filter definitions, nested ones included).
function functions(node, out) {
  if (node.type === 'function_statement') {
    out.push(node);
  }
  for (let i = 0; i < node.childCount; i++) {
    functions(node.child(i), out);
  }
}

// One synchronous write per line, so that a line is never split or cut short when stdout is a pipe.
function out(line) {
  const bytes = Buffer.from(line + '\n', 'utf8');
  for (let done = 0; done < bytes.length; ) {
    done += fs.writeSync(1, bytes, done, bytes.length - done);
  }
}

async function main(args) {
  const listFunctions = args[0] === '--functions';
  const files = listFunctions ? args.slice(1) : args;
  if (files.length === 0) {
    console.error('usage: node parse.cjs [--functions] FILE...');
    return 2;
  }
  const { Parser, Language } = require('web-tree-sitter');
  await Parser.init();
  const wasm = path.join(path.dirname(require.resolve('tree-sitter-powershell/package.json')), 'tree-sitter-powershell.wasm');
  const parser = new Parser();
  parser.setLanguage(await Language.load(wasm));
  let problems = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const tree = parser.parse(text);
    if (listFunctions) {
      const definitions = [];
      functions(tree.rootNode, definitions);
      for (const node of definitions) {
        const name = node.children.find((child) => child.type === 'function_name');
        out('function ' + JSON.stringify({
          file, line: node.startPosition.row + 1, name: name ? name.text : '', text: node.text }));
      }
    }
    const found = [];
    collect(tree.rootNode, found);
    for (const node of found) {
      const where = `${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
      const what = node.isMissing ? `missing ${node.type}` : `syntax error at ${snippet(text, node)}`;
      out(`${where}: error: ${what}`);
    }
    problems += found.length;
    tree.delete();
  }
  out(`parsed ${files.length} file(s), ${problems} syntax error(s)`);
  return problems === 0 ? 0 : 1;
}

// exitCode instead of process.exit(): output still buffered for stdout is written before node ends.
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    console.error(String(error && error.stack ? error.stack : error));
    process.exitCode = 2;
  });
