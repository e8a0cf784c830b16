-- Runs imports from Neovim's built-in LSP client (0.7+), headless, the way the README tells a
-- Neovim user to: the README's `:PostmortemImport` user command (PM_SNIPPET, extracted from the
-- README by the node test) over `workspace/executeCommand` `postmortem.import`.
-- Environment: PM_SERVER (dist/server.js), PM_FILE (report), PM_ROOT (workspace folder), PM_LOG
-- (log file, relative to PM_ROOT), PM_BAD (a file in no log format), PM_SNIPPET, PM_OUT (JSON result).
-- Records the buffer after a good import, the messages the server showed, the buffer after a
-- failed import and after one undo; the node test asserts on that.

local h = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/harness.lua')
local result, fail, step = h.result, h.fail, h.step
result.messages, result.progress = {}, {}

h.run(function()
  local log = h.env('PM_LOG')
  local bad = h.env('PM_BAD')

  -- What the person sees: the server's messages and its progress.
  vim.lsp.handlers['window/showMessage'] = function(_, r)
    table.insert(result.messages, { type = r.type, message = r.message })
  end
  vim.lsp.handlers['$/progress'] = function(_, r)
    if r and r.value then table.insert(result.progress, r.value.kind) end
  end

  local client_id = h.start()

  local buf = h.open(client_id)
  if not vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
    return fail('the server did not check the report within 30 s')
  end
  step('attached')
  local function text() return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') end
  result.original = text()

  dofile(assert(os.getenv('PM_SNIPPET'), 'PM_SNIPPET'))
  vim.cmd('PostmortemImport logs file=' .. log .. ' level=warn')
  if not vim.wait(30000, function() return text():find('db connection reset', 1, true) ~= nil end, 50) then
    return fail('no imported row in the buffer within 30 s; messages: ' .. vim.inspect(result.messages))
  end
  vim.wait(5000, function() return #result.messages > 0 end, 50)
  result.imported = text()
  step('imported')

  local before = #result.messages
  vim.cmd('PostmortemImport logs file=' .. bad)
  if not vim.wait(30000, function() return #result.messages > before end, 50) then
    return fail('no message about the failed import within 30 s')
  end
  result.afterFailure = text()
  step('failed')

  -- The import was one edit: one undo takes it back.
  vim.cmd('undo')
  result.undone = text()
  step('undone')

  h.stop(client_id)
end)
