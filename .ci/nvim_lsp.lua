-- Neovim (0.11+) against `paragraf lsp`, with the README's configuration:
-- diagnostics on open, hover, definition and formatting inside a workspace,
-- and no server for a text file outside any workspace.
--
-- usage: nvim --headless --clean -l .ci/nvim_lsp.lua PARAGRAF_BINARY
-- prints one line per check; exit 0 when all pass.

local bin = arg[1]
local function log(fmt, ...) io.stdout:write(string.format(fmt, ...) .. '\n') end
local function fail(fmt, ...)
  log('FAIL: ' .. fmt, ...)
  os.exit(1)
end

-- the README's configuration (the command given as a path)
vim.lsp.config('paragraf', {
  cmd = { bin, 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'paragraf.toml' },
  workspace_required = true,
})
vim.lsp.enable('paragraf')

-- a workspace: a law with a citation that points nowhere, one that resolves,
-- and a heading `fmt` writes otherwise
local ws = vim.fn.tempname()
vim.fn.mkdir(ws .. '/laws', 'p')
vim.fn.writefile({ '[series]', 'name = "Test"' }, ws .. '/paragraf.toml')
vim.fn.writefile({
  'Gesetz T – Testgesetz',
  '',
  '§ 1 Zweck',
  '',
  '(1) Dieses Gesetz gilt nach § 2.',
  '',
  '(2) Es gilt Absatz 5.',
  '',
  '§ 2 – Geltung',
  '',
  'Das Gesetz gilt überall.',
}, ws .. '/laws/t.txt')

local function open(path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  vim.bo.filetype = 'text'
  return vim.api.nvim_get_current_buf()
end

local buf = open(ws .. '/laws/t.txt')
if not vim.wait(10000, function() return #vim.lsp.get_clients({ bufnr = buf }) > 0 end, 50) then
  fail('no server attached inside the workspace')
end
local client = vim.lsp.get_clients({ bufnr = buf })[1]
log('attached: %s, root %s', client.name, client.root_dir)
if client.root_dir ~= ws then fail('root %s, expected %s', tostring(client.root_dir), ws) end

if not vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
  fail('no diagnostics on open')
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  log('diagnostic: %d:%d %s [%s]', d.lnum + 1, d.col + 1, d.message, tostring(d.code))
end
local unresolved = vim.tbl_filter(function(d) return d.lnum == 6 end, vim.diagnostic.get(buf))
if #unresolved == 0 then fail('no diagnostic at „Absatz 5“ (line 7)') end

-- hover and definition on „§ 2“ in line 5
local line = vim.api.nvim_buf_get_lines(buf, 4, 5, false)[1]
local col = line:find('§ 2', 1, true) - 1
vim.api.nvim_win_set_cursor(0, { 5, col })
local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 5000)
local hr = hover and hover[client.id] and hover[client.id].result
local htext = hr and hr.contents and (hr.contents.value or vim.inspect(hr.contents)) or ''
log('hover: %s', (htext:gsub('\n', ' | ')))
if not htext:find('überall', 1, true) then fail('hover does not show § 2') end

local def = vim.lsp.buf_request_sync(buf, 'textDocument/definition', params, 5000)
local dr = def and def[client.id] and def[client.id].result
local loc = dr and (dr[1] or dr)
if not (loc and loc.range) then fail('no definition') end
log('definition: %s line %d', loc.uri or loc.targetUri, loc.range.start.line + 1)
if loc.range.start.line ~= 8 then fail('definition at line %d, expected 9', loc.range.start.line + 1) end

local fmt = vim.lsp.buf_request_sync(buf, 'textDocument/formatting',
  { textDocument = { uri = vim.uri_from_bufnr(buf) }, options = { tabSize = 4, insertSpaces = true } }, 5000)
local edits = fmt and fmt[client.id] and fmt[client.id].result
if not edits or #edits == 0 then fail('no formatting edits') end
vim.lsp.util.apply_text_edits(edits, buf, client.offset_encoding)
local third = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
log('formatted: %q', third)
if third ~= '§ 1 – Zweck' then fail('formatting gave %q', third) end

-- a text file outside any workspace: no server
local notes = vim.fn.tempname() .. '-notes'
vim.fn.mkdir(notes, 'p')
vim.fn.writefile({ 'Besprechung', '', 'Siehe Anhang II.' }, notes .. '/protokoll.txt')
local other = open(notes .. '/protokoll.txt')
vim.wait(2000, function() return #vim.lsp.get_clients({ bufnr = other }) > 0 end, 50)
if #vim.lsp.get_clients({ bufnr = other }) > 0 then fail('a server attached outside any workspace') end
log('outside a workspace: no server attached')
log('ok: Neovim %s', tostring(vim.version()))
os.exit(0)
