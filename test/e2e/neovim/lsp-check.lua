-- Drives the post-mortem language server from Neovim's built-in LSP client (0.7+), headless:
--   nvim --headless -u NONE -c 'luafile test/e2e/neovim/lsp-check.lua'
-- Environment: PM_SERVER (path of dist/server.js), PM_FILE (report to open), PM_ROOT (root dir),
-- PM_RULE (rule whose quick fix to apply), PM_OUT (JSON result file).
-- It collects what a person would see (diagnostics with their codes, the code actions offered,
-- the text after applying one, the diagnostics afterwards) and writes them as JSON; the node test
-- asserts on that. Exits 0 when the flow ran, 1 (cquit) when a step timed out.

local h = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/harness.lua')
local result, fail, step = h.result, h.fail, h.step

h.run(function()
  local rule = h.env('PM_RULE')
  local client_id = h.start()

  local buf = h.open(client_id)

  local function lsp_diagnostics()
    local all = {}
    for lnum = 0, vim.api.nvim_buf_line_count(buf) - 1 do
      for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(buf, lnum, {}, client_id)) do
        table.insert(all, d)
      end
    end
    return all
  end

  local function count_rule(diags)
    local n = 0
    for _, d in ipairs(diags) do
      if d.code == rule then n = n + 1 end
    end
    return n
  end

  if not vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
    return fail('no diagnostics within 30 s')
  end
  step('diagnostics')
  local client = vim.lsp.get_client_by_id(client_id)
  result.serverName = client.server_capabilities and client.name
  result.capabilities = {
    codeActionProvider = client.server_capabilities.codeActionProvider ~= nil,
  }

  local before = lsp_diagnostics()
  result.before = {}
  for _, d in ipairs(before) do
    table.insert(result.before, { line = d.range.start.line, code = d.code, source = d.source, message = d.message })
  end

  local target
  for _, d in ipairs(before) do
    if d.code == rule then target = d break end
  end
  if not target then return fail('no diagnostic with code ' .. rule) end

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = target.range,
    context = { diagnostics = { target }, only = { 'quickfix' } },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 15000)
  if not responses then return fail('codeAction request timed out') end
  local actions = {}
  for _, resp in pairs(responses) do
    if resp.error then return fail('codeAction error: ' .. vim.inspect(resp.error)) end
    for _, a in ipairs(resp.result or {}) do table.insert(actions, a) end
  end
  result.actions = {}
  for _, a in ipairs(actions) do
    table.insert(result.actions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred })
  end
  step('actions')

  local chosen
  for _, a in ipairs(actions) do
    if a.isPreferred then chosen = a break end
  end
  chosen = chosen or actions[1]
  if not chosen then return fail('no code action offered for ' .. rule) end
  if not chosen.edit and client.server_capabilities.codeActionProvider
      and type(client.server_capabilities.codeActionProvider) == 'table'
      and client.server_capabilities.codeActionProvider.resolveProvider then
    local r = client.request_sync('codeAction/resolve', chosen, 15000, buf)
    if r and r.result then chosen = r.result end
  end
  if not chosen.edit then return fail('the chosen action has no edit: ' .. vim.inspect(chosen)) end
  result.applied = chosen.title

  local changedtick = vim.api.nvim_buf_get_changedtick(buf)
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  if vim.api.nvim_buf_get_changedtick(buf) == changedtick then return fail('the edit did not change the buffer') end
  step('applied')
  result.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')

  -- The server re-checks the changed document; wait until the finding is gone.
  local cleared = vim.wait(30000, function() return count_rule(lsp_diagnostics()) == 0 end, 50)
  result.after = {}
  for _, d in ipairs(lsp_diagnostics()) do
    table.insert(result.after, { line = d.range.start.line, code = d.code, source = d.source, message = d.message })
  end
  if not cleared then return fail(rule .. ' still reported 30 s after the fix') end
  step('cleared')

  h.stop(client_id)
end)
