-- Driven by test/lsp/nvim.mjs: Neovim's own LSP client (0.7: vim.lsp.start_client) talks to
-- `nn lsp --stdio`; this writes what the editor got to $NN_OUT as JSON and quits. The checks are
-- in nvim.mjs, so a failure there prints the values.

local out = {}
local function finish()
  local f = assert(io.open(vim.env.NN_OUT, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local id = vim.lsp.start_client({
    name = 'nn',
    cmd = { vim.env.NN_NODE, vim.env.NN_CLI, 'lsp', '--stdio' },
    root_dir = vim.env.NN_ROOT,
  })
  assert(id, 'the server did not start')

  -- Opens a file as an `nn` buffer attached to the server.
  local function open(path)
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    vim.bo.filetype = 'nn'
    vim.lsp.buf_attach_client(0, id)
    return vim.api.nvim_get_current_buf()
  end

  local function request(buf, method, params)
    local responses = vim.lsp.buf_request_sync(buf, method, params, 10000)
    if not responses then return nil end
    for _, r in pairs(responses) do
      if r.result ~= nil then return r.result end
    end
    return nil
  end

  -- The broken example: diagnostics as Neovim shows them (0-based lnum), and a hover on `dense 4 tanh`.
  local broken = open(vim.env.NN_BROKEN)
  vim.wait(15000, function() return #vim.diagnostic.get(broken) > 0 end, 50)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(broken)) do
    table.insert(out.diagnostics, { line = d.lnum + 1, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), message = d.message })
  end
  local hover = request(broken, 'textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(broken) }, position = { line = 3, character = 4 } })
  out.hover = hover and hover.contents and hover.contents.value
  local symbols = request(broken, 'textDocument/documentSymbol', { textDocument = { uri = vim.uri_from_bufnr(broken) } }) or {}
  out.symbols = {}
  for _, s in ipairs(symbols) do
    local children = {}
    for _, c in ipairs(s.children or {}) do table.insert(children, c.name) end
    table.insert(out.symbols, { name = s.name, children = children })
  end

  -- examples/dates.nn: hover on `self_attention` inside `block encoder(d, h, f)`, used twice.
  local dates = open(vim.env.NN_DATES)
  local inBlock = request(dates, 'textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(dates) }, position = { line = 9, character = 22 } })
  out.blockHover = inBlock and inBlock.contents and inBlock.contents.value

  -- A scratch file: completion after `dense 4 `, then Format Document.
  local scratch = open(vim.env.NN_SCRATCH)
  local uri = vim.uri_from_bufnr(scratch)
  local completion = request(scratch, 'textDocument/completion', { textDocument = { uri = uri }, position = { line = 2, character = 10 } }) or {}
  out.completion = {}
  for _, item in ipairs(completion.items or completion) do table.insert(out.completion, item.label) end
  -- Below the network, at the top level: spec §15's encoder block among the snippets (issue 22).
  local top = request(scratch, 'textDocument/completion', { textDocument = { uri = uri }, position = { line = 5, character = 0 } }) or {}
  out.toplevel = {}
  for _, item in ipairs(top.items or top) do out.toplevel[item.label] = item.insertText or '' end
  -- Format needs a file without syntax errors: finish the layer first.
  vim.api.nvim_buf_set_lines(scratch, 2, 3, false, { '  dense 4 relu' })
  local edits = request(scratch, 'textDocument/formatting', { textDocument = { uri = uri }, options = { tabSize = 2, insertSpaces = true } }) or {}
  vim.lsp.util.apply_text_edits(edits, scratch, 'utf-16')
  out.formatted = table.concat(vim.api.nvim_buf_get_lines(scratch, 0, -1, false), '\n')
end)
if not ok then out.error = tostring(err) end
finish()
