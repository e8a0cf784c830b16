// Preload for the language server in tests (`node --require this dist/server.js`): makes the
// engine throw, for real, deep inside a check, without any test code in the server. dist/server.js
// is one esbuild bundle, so its modules cannot be replaced from outside; what it shares with this
// file is the JavaScript built-ins. Every regular expression match (exec, and test/match/replace/
// split, which go through exec) on a string holding MARKER throws ENGINE_ERROR. The scanner, the
// model and the rules all match regular expressions on the report's text; the LSP layer does not
// (messages are parsed with JSON.parse, lines are counted with charCodeAt).
'use strict';
const MARKER = 'ENGINE-FAILURE-PROBE';
const ENGINE_ERROR = 'simulated engine failure in a regular expression match';
const exec = RegExp.prototype.exec;
RegExp.prototype.exec = function (s) {
  if (typeof s === 'string' && s.includes(MARKER)) throw new Error(ENGINE_ERROR);
  return exec.call(this, s);
};
module.exports = { MARKER, ENGINE_ERROR };
