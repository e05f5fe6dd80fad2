-- course.lua: what the site adds to pandoc's reading of course.md (run by tools/site/build).
--
-- 1. Exponents and subscripts. course.md writes them as on a forge, R^{p×d}, e^{−z}, x_i,
--    W_{kj}, so that the file stays readable as plain text; here they become <sup>/<sub>:
--      ^{...} and _{...}   the braces' content (nested ones too)
--      ^abc, ^−1           a short run of letters or digits (at most 4 bytes)
--      _ij                 a short run of letters or digits (at most 3)
--    Words that are identifiers or paths are left alone: nn_dense_forward, NN_GRAD_ADD,
--    fd_error.dat, anything with two underscores, a URL. Code spans and code blocks are never
--    touched (they are not text to pandoc).
-- 2. Displayed formulas: course.md indents them as code blocks. A block without a language
--    that reads as mathematics (an =, ∈, Σ, ∂ ... and no command line) becomes a
--    <div class="display"> with the same spacing and line breaks, and scripts as in 1.
-- 3. Claim labels [CN.k] become links to the Claims page (claims.html#CN.k); the first
--    occurrence of each label on a page also gets the id claim-CN.k, which the Claims page
--    links back to.
-- 4. Section references, §3.6 or §3, become links (resolved to page#heading by the builder).
-- 5. An image alone in a paragraph becomes a <figure> with its caption.
-- 6. The level-2 heading (the chapter's "## N. Title") becomes the page title, kept out of the
--    body and of the table of contents; level-3 and deeper headings move up one level.

local seen_label = {}
local root = ''          -- the way from this page to the site's top ('../' for tests/*.html)

local function is_identifier(w)
  return w:find('nn_', 1, true) or w:find('NN_', 1, true)
      or w:find('[%w]_[%w]*_')                       -- two underscores in one name
      or w:find('://', 1, true) or w:find('@', 1, true)
      or (w:find('/', 1, true) and w:find('%w%.%a+'))  -- a path with an extension
end

local function brace_end(s, open)                 -- index of the } matching s[open] == '{'
  local depth = 0
  for k = open, #s do
    local ch = s:sub(k, k)
    if ch == '{' then depth = depth + 1
    elseif ch == '}' then
      depth = depth - 1
      if depth == 0 then return k end
    end
  end
  return nil
end

-- s (plain text, no spaces) -> a list of inlines with ^ and _ turned into scripts.
local function scripts(s)
  local out, buf = pandoc.List(), {}
  local function flush()
    if #buf > 0 then out:insert(pandoc.Str(table.concat(buf))); buf = {} end
  end
  local i = 1
  while i <= #s do
    local c = s:sub(i, i)
    local content, after
    if (c == '^' or c == '_') and i > 1 then
      if s:sub(i + 1, i + 1) == '{' then
        local close = brace_end(s, i + 1)
        if close then content, after = s:sub(i + 2, close - 1), close + 1 end
      else
        local run = s:match('^%w+', i + 1)
        if c == '^' then run = s:match('^%-?%w+', i + 1) or s:match('^−%w+', i + 1) end
        if run and #run <= (c == '^' and 4 or 3) then content, after = run, i + 1 + #run end
      end
    end
    if content and content ~= '' then
      flush()
      local inner = scripts(content)
      out:insert(c == '^' and pandoc.Superscript(inner) or pandoc.Subscript(inner))
      i = after
    else
      buf[#buf + 1] = c
      i = i + 1
    end
  end
  flush()
  return out
end

local function label_link(label)
  local id = label:sub(2, -2)                      -- [C1.3] -> C1.3
  local attr = pandoc.Attr('', {'claim'})
  if not seen_label[id] then
    seen_label[id] = true
    attr = pandoc.Attr('claim-' .. id, {'claim'})
  end
  return pandoc.Link({pandoc.Str(label)}, root .. 'claims.html#' .. id, 'the test that checks ' .. id, attr)
end

-- "§3.6" (or "§3") -> a link the site builder points at the page and heading numbered so.
local function section_link(ref)
  return pandoc.Link({pandoc.Str('§' .. ref)}, 'section:' .. ref, '', pandoc.Attr('', {'section'}))
end

-- One word of text -> inlines: labels and section references as links, the rest through
-- scripts().
local function word(w)
  local out = pandoc.List()
  local pos = 1
  while true do
    local a, b = w:find('%[C%d+%.%d+%]', pos)
    local sa, sb, ref = w:find('§(%d+[%.%d]*)', pos)
    if ref then ref = ref:gsub('%.$', ''); sb = sa + #'§' + #ref - 1 end
    if sa and (not a or sa < a) then a, b = sa, sb end
    local piece = w:sub(pos, (a or #w + 1) - 1)
    if piece ~= '' then
      if is_identifier(piece) then out:insert(pandoc.Str(piece)) else out:extend(scripts(piece)) end
    end
    if not a then break end
    if a == sa then out:insert(section_link(ref)) else out:insert(label_link(w:sub(a, b))) end
    pos = b + 1
  end
  return out
end

function Inlines(inlines)
  local out, run = pandoc.List(), {}
  local function flush()
    if #run > 0 then out:extend(word(table.concat(run))); run = {} end
  end
  for _, el in ipairs(inlines) do
    if el.t == 'Str' then run[#run + 1] = el.text else flush(); out:insert(el) end
  end
  flush()
  return out
end

local math_marks = {'=', '∈', 'Σ', '≤', '≥', '∂', '∇', '·', '×', '‖', '→', '≈'}
local function looks_like_math(text)
  for line in text:gmatch('[^\n]+') do
    if line:find('^%s*%$ ') or line:find(' %-%-') or line:find('^%s*make ')
       or line:find('^%s*%.?/') or line:find('^%s*[%w%-]+/[%w%-/]+%s') then
      return false
    end
  end
  for _, m in ipairs(math_marks) do
    if text:find(m, 1, true) then return true end
  end
  return false
end

function CodeBlock(block)
  if #block.classes > 0 or not looks_like_math(block.text) then return nil end
  local inl = pandoc.List()
  local first = true
  for line in (block.text .. '\n'):gmatch('([^\n]*)\n') do
    if not first then inl:insert(pandoc.Str('\n')) end
    first = false
    for spaces, w in line:gmatch('(%s*)(%S*)') do
      if spaces ~= '' then inl:insert(pandoc.Str(spaces)) end
      if w ~= '' then inl:extend(word(w)) end
    end
  end
  -- Written out here, on one line with the <div> and unwrapped: under white-space: pre-wrap,
  -- the newline pandoc puts after an opening <div> (or anywhere) would show as a line break.
  local html = pandoc.write(pandoc.Pandoc({pandoc.Plain(inl)}), 'html', {wrap_text = 'wrap-none'}):gsub('\n$', '')
  return pandoc.RawBlock('html', '<div class="display">' .. html .. '</div>')
end

-- An image alone in its paragraph is a figure, its alt text the caption (pandoc's
-- implicit_figures, which its GitHub-Markdown reader does not apply: "fig:" marks it).
function Para(p)
  if #p.content == 1 and p.content[1].t == 'Image' then
    local img = p.content[1]
    if not img.title:find('^fig:') then img.title = 'fig:' .. img.title end
    return p
  end
end

-- Headings: run after the inline pass (a second filter table), so titles carry scripts.
local title, title_id
local headings = {
  Header = function(h)
    if h.level == 2 and not title then
      title, title_id = h.content, h.identifier
      return {}
    end
    if h.level >= 3 then h.level = h.level - 1; return h end
  end,
  Pandoc = function(doc)
    if title then
      doc.meta.title = pandoc.MetaInlines(title)
      doc.meta['title-id'] = pandoc.MetaString(title_id)
    end
    return doc
  end,
}

return {
  {Meta = function(meta) if meta.root then root = pandoc.utils.stringify(meta.root) end end},
  {Inlines = Inlines, CodeBlock = CodeBlock, Para = Para},
  headings,
}
