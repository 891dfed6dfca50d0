-- Opens an export in headless Neovim, attaches `cmlint lsp` with Neovim's built-in LSP client, waits for cmlint's
-- diagnostics and writes them, one per line (line, column, code, message), to $CMLINT_NVIM_OUT. Works with Neovim 0.7
-- (Debian 12's) and later: vim.lsp.start_client and buf_attach_client rather than the newer vim.lsp.start.
local export = os.getenv('CMLINT_NVIM_EXPORT')
local out = os.getenv('CMLINT_NVIM_OUT')
local cli = os.getenv('CMLINT_NVIM_CLI')

vim.cmd('edit ' .. vim.fn.fnameescape(export))
local buffer = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({
  name = 'cmlint',
  cmd = { 'node', cli, 'lsp', '--stdio' },
  root_dir = vim.fn.fnamemodify(export, ':h'),
})
if not client then
  vim.fn.writefile({ 'ERROR could not start cmlint lsp' }, out)
  vim.cmd('qall!')
end
vim.lsp.buf_attach_client(buffer, client)

local got = vim.wait(20000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 50)

local lines = {}
if not got then table.insert(lines, 'TIMEOUT no diagnostics') end
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  table.insert(lines, string.format('%d\t%d\t%s\t%s\t%s', d.lnum, d.col, tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''), d.source or '', (d.message:gsub('\n', ' '))))
end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(client)
vim.cmd('qall!')
