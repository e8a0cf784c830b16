-- What the headless Neovim scripts share: the JSON result they write for the node test, the
-- language server started the way a Neovim user's config would, a report opened and attached, and
-- the run wrapper that turns any error into a failed result (cquit 1) instead of a hung editor.
-- Used as: local h = dofile(<this folder> .. '/harness.lua')

local M = {}

M.out_path = assert(os.getenv('PM_OUT'), 'PM_OUT')
M.result = { steps = {} }

function M.write_result()
  local f = assert(io.open(M.out_path, 'w'))
  f:write(vim.fn.json_encode(M.result))
  f:close()
end

function M.fail(msg)
  M.result.error = msg
  M.write_result()
  vim.cmd('cquit 1')
end

function M.step(name)
  table.insert(M.result.steps, name)
end

function M.env(name)
  local value = os.getenv(name)
  if not value then error('environment variable ' .. name .. ' is not set') end
  return value
end

--- Starts dist/server.js (PM_SERVER) for the workspace folder PM_ROOT; returns the client id.
function M.start()
  local root = M.env('PM_ROOT')
  local client_id = vim.lsp.start_client({
    name = 'postmortem',
    cmd = { 'node', M.env('PM_SERVER'), '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
  })
  if not client_id then error('start_client returned nil') end
  M.step('started')
  return client_id
end

--- Opens PM_FILE as Markdown and attaches the client; returns the buffer.
function M.open(client_id)
  vim.cmd('edit ' .. vim.fn.fnameescape(M.env('PM_FILE')))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'markdown'
  vim.lsp.buf_attach_client(buf, client_id)
  return buf
end

function M.stop(client_id)
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  M.step('stopped')
  M.write_result()
end

--- Runs the scenario; an error or a `return M.fail(...)` ends Neovim with exit 1, success with 0.
function M.run(scenario)
  local ok, err = pcall(scenario)
  if not ok then
    M.fail(tostring(err))
  elseif M.result.error == nil then
    vim.cmd('qa!')
  end
end

return M
