'use strict';
// The review page. The data is untrusted: it only ever reaches the page through
// textContent and text nodes, never as markup. Offsets s16/e16 are UTF-16 (JavaScript's).
(() => {
  const $ = (id) => document.getElementById(id);
  const DATA = JSON.parse($('review-data').textContent);
  const BLOCK_CHARS = 1500;  // a document is rendered in blocks of about this size, as they near the viewport
  const FIRST_BLOCKS = 4;    // rendered at once, so that the first paint has text
  const viewEl = $('view');
  const tooltip = $('tooltip');
  const counts = { accepted: 0, rejected: 0, pending: 0 };
  const docs = DATA.documents.map(prepare);
  let docIndex = 0;
  let view = 'inline';

  function prepare(raw) {
    const n = raw.edits.length;
    const doc = { raw, text: raw.text, edits: raw.edits, accepted: new Uint8Array(n), reviewed: new Uint8Array(n),
      conflicts: findConflicts(raw.edits), blocks: null, cur: -1, elements: new Map() };
    raw.edits.forEach((e, i) => {
      doc.accepted[i] = e.applied ? 1 : 0;  // applied edits start accepted, suggestions rejected
      counts[e.applied ? 'accepted' : 'rejected']++;
    });
    counts.pending += n;
    return doc;
  }

  // Two edits conflict when their spans overlap or one inserts strictly inside the
  // other (cleaner.review.conflicts is the same rule). Edits are sorted by start.
  function conflicts(a, b) {
    const s1 = a.s16, e1 = a.e16, s2 = b.s16, e2 = b.e16;
    if (s1 < e1 && s2 < e2) return s1 < e2 && s2 < e1;
    if (s1 === e1) return s2 < s1 && s1 < e2;
    return s1 < s2 && s2 < e1;
  }

  function findConflicts(edits) {
    const found = new Array(edits.length).fill(null);
    for (let i = 0; i < edits.length; i++) {
      for (let j = i + 1; j < edits.length && edits[j].s16 < edits[i].e16; j++) {
        if (conflicts(edits[i], edits[j])) {
          (found[i] ||= []).push(j);
          (found[j] ||= []).push(i);
        }
      }
    }
    return found;
  }

  // Blocks: cut after a newline, never inside an edit; an edit belongs to the block it starts in.
  function ensureBlocks(doc) {
    if (doc.blocks) return;
    const { text, edits } = doc;
    const blocks = [];
    let start = 0, k = 0, maxEnd = 0, lines = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
      const cut = nl + 1;
      lines++;
      while (k < edits.length && edits[k].s16 < cut) maxEnd = Math.max(maxEnd, edits[k++].e16);
      if (cut - start >= BLOCK_CHARS && maxEnd <= cut) {
        blocks.push({ start, end: cut, lines });
        start = cut;
        lines = 0;
      }
    }
    if (start < text.length || !blocks.length || (edits.length && edits[edits.length - 1].s16 >= start)) {
      blocks.push({ start, end: text.length, lines: lines + 1 });
    }
    const blockOf = new Int32Array(edits.length);
    let b = 0;
    blocks.forEach((block) => { block.first = block.last = 0; });
    edits.forEach((e, i) => {
      while (b < blocks.length - 1 && e.s16 >= blocks[b].end) b++;
      blockOf[i] = b;
    });
    blocks.forEach((block, index) => {
      block.first = lowerBound(blockOf, index);
      block.last = lowerBound(blockOf, index + 1);
    });
    doc.blocks = blocks;
    doc.blockOf = blockOf;
  }

  function lowerBound(array, value) {
    let lo = 0, hi = array.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (array[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // rendering ---------------------------------------------------------------------

  const observer = new IntersectionObserver((entries) => {
    const doc = docs[docIndex];
    for (const entry of entries) {
      if (entry.isIntersecting) renderBlock(doc, doc.blocks[Number(entry.target.dataset.block)]);
    }
  }, { root: viewEl, rootMargin: '1500px 0px' });

  function showDocument() {
    observer.disconnect();
    hideTooltip();
    const doc = docs[docIndex];
    const frag = document.createDocumentFragment();
    if (!doc) {
      viewEl.replaceChildren('No documents to review.');
      return;
    }
    ensureBlocks(doc);
    doc.elements = new Map();
    if (view === 'side') {
      const head = document.createElement('div');
      head.className = 'side-head';
      head.append(textDiv('Before'), textDiv('After'));
      frag.append(head);
    }
    doc.blocks.forEach((block, index) => {
      block.el = document.createElement('div');
      block.el.className = view === 'side' ? 'side-row' : 'block';
      block.el.dataset.block = index;
      block.el.style.minHeight = `${1.6 * (block.lines + (block.end - block.start) / 90)}em`;
      block.rendered = false;
      frag.append(block.el);
    });
    viewEl.replaceChildren(frag);
    doc.blocks.slice(0, FIRST_BLOCKS).forEach((block) => renderBlock(doc, block));
    doc.blocks.forEach((block) => { if (!block.rendered) observer.observe(block.el); });
    for (const button of document.querySelectorAll('[data-view]')) {
      button.setAttribute('aria-selected', String(button.dataset.view === view));
    }
    updateInspector();
  }

  function textDiv(text) {
    const div = document.createElement('div');
    div.textContent = text;
    return div;
  }

  function renderBlock(doc, block) {
    if (view === 'inline') {
      block.el.replaceChildren(inlineContent(doc, block));
    } else if (view === 'side') {
      const before = document.createElement('div');
      const after = document.createElement('div');
      before.append(beforeContent(doc, block));
      after.append(resultContent(doc, block, false));
      block.el.replaceChildren(before, after);
    } else {
      block.el.replaceChildren(resultContent(doc, block, true));
    }
    block.el.style.minHeight = '';
    if (!block.rendered) observer.unobserve(block.el);
    block.rendered = true;
  }

  function rerender(doc, edits) {
    if (doc !== docs[docIndex]) return;
    const blocks = new Set(edits.map((i) => doc.blocks[doc.blockOf[i]]));
    for (const block of blocks) if (block.rendered) renderBlock(doc, block);
    const el = doc.elements.get(doc.cur);
    if (el && el.isConnected && (!document.activeElement || document.activeElement === document.body)) {
      el.focus({ preventScroll: true });
    }
  }

  // the original text with each edit inline; an edit overlapping one already shown follows it
  function inlineContent(doc, block) {
    const frag = document.createDocumentFragment();
    let pos = block.start;
    for (let i = block.first; i < block.last; i++) {
      const e = doc.edits[i];
      if (e.s16 >= pos) {
        if (e.s16 > pos) frag.append(doc.text.slice(pos, e.s16));
        frag.append(editElement(doc, i, 'inline', true));
        pos = e.e16;
      } else {
        frag.append(editElement(doc, i, 'nested', true));
      }
    }
    if (pos < block.end) frag.append(doc.text.slice(pos, block.end));
    return frag;
  }

  // the original text, each edit showing what it removes
  function beforeContent(doc, block) {
    const frag = document.createDocumentFragment();
    let pos = block.start;
    for (let i = block.first; i < block.last; i++) {
      const e = doc.edits[i];
      if (e.s16 < pos) continue;
      if (e.s16 > pos) frag.append(doc.text.slice(pos, e.s16));
      frag.append(editElement(doc, i, 'before', true));
      pos = e.e16;
    }
    if (pos < block.end) frag.append(doc.text.slice(pos, block.end));
    return frag;
  }

  // the resulting text, each accepted edit showing what it inserts
  function resultContent(doc, block, register) {
    const frag = document.createDocumentFragment();
    let pos = block.start;
    for (let i = block.first; i < block.last; i++) {
      if (!doc.accepted[i]) continue;
      const e = doc.edits[i];
      if (e.s16 > pos) frag.append(doc.text.slice(pos, e.s16));
      frag.append(editElement(doc, i, 'after', register));
      pos = e.e16;
    }
    if (pos < block.end) frag.append(doc.text.slice(pos, block.end));
    return frag;
  }

  function editElement(doc, i, kind, register) {
    const e = doc.edits[i];
    const el = document.createElement('span');
    el.className = editClasses(doc, i) + (kind === 'nested' ? ' nested' : '') +
      (kind !== 'after' && isRemovedLine(e) ? ' line' : '');
    el.dataset.i = i;
    el.tabIndex = i === doc.cur ? 0 : -1;
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', `${e.id} ${e.rule}: ${doc.accepted[i] ? 'accepted' : 'rejected'}`);
    if (kind !== 'after' && e.before) el.append(part('del', e.before));
    if ((kind === 'inline' || kind === 'nested' || kind === 'after') && e.after) el.append(part('ins', e.after));
    if (!el.firstChild) {  // nothing to show on this side: a marker drawn by CSS, not part of the text
      const mark = document.createElement('span');
      mark.className = kind === 'after' ? 'mark-removed' : 'mark-inserted';
      el.append(mark);
    }
    if (register) doc.elements.set(i, el);
    return el;
  }

  function editClasses(doc, i) {
    const e = doc.edits[i];
    return `edit cat-${String(e.category).replace(/[^a-z0-9-]/gi, '')} ${e.applied ? 'appl' : 'sugg'} ` +
      `${doc.accepted[i] ? 'acc' : 'rej'}${i === doc.cur ? ' cur' : ''}`;
  }

  function isRemovedLine(e) {
    return e.after === '' && /\n/.test(e.before) && e.before.trim() !== '';
  }

  function part(tag, text) {
    const el = document.createElement(tag);
    el.textContent = text;
    if (!text.trim()) el.className = 'ws';
    return el;
  }

  // decisions ---------------------------------------------------------------------

  function setDecision(doc, i, value) {
    if (doc.accepted[i] !== value) {
      counts.accepted += value ? 1 : -1;
      counts.rejected += value ? -1 : 1;
      doc.accepted[i] = value;
    }
    if (!doc.reviewed[i]) {
      doc.reviewed[i] = 1;
      counts.pending--;
    }
  }

  // accepting an edit rejects the edits it conflicts with; returns the edits changed
  function decide(doc, i, accept) {
    const changed = [i];
    setDecision(doc, i, accept ? 1 : 0);
    if (accept) {
      for (const j of doc.conflicts[i] || []) {
        if (doc.accepted[j]) {
          setDecision(doc, j, 0);
          changed.push(j);
        }
      }
    }
    return changed;
  }

  function decideCurrent(accept) {
    const doc = docs[docIndex];
    if (!doc || doc.cur < 0) return;
    rerender(doc, decide(doc, doc.cur, accept));
    refreshStatus();
  }

  function decideAll(key, value, accept) {
    for (const doc of docs) {
      doc.edits.forEach((e, i) => { if (e[key] === value) decide(doc, i, accept); });
    }
    const doc = docs[docIndex];
    for (const block of doc.blocks) if (block.rendered) renderBlock(doc, block);
    refreshStatus();
  }

  function resultText(doc) {
    const parts = [];
    let pos = 0;
    doc.edits.forEach((e, i) => {
      if (!doc.accepted[i]) return;
      parts.push(doc.text.slice(pos, e.s16), e.after);
      pos = e.e16;
    });
    parts.push(doc.text.slice(pos));
    return parts.join('');
  }

  function decisionsJson() {
    return JSON.stringify({
      format: 'cleaner-review-decisions',
      version: DATA.version,
      documents: docs.map((doc) => ({
        name: doc.raw.name, sha256: doc.raw.sha256, encoding: doc.raw.encoding, errors: doc.raw.errors,
        decisions: doc.edits.map((e, i) => ({
          id: e.id, start: e.start, end: e.end, before: e.before, after: e.after, rule: e.rule,
          decision: doc.accepted[i] ? 'accepted' : 'rejected', reviewed: Boolean(doc.reviewed[i]),
        })),
      })),
    }, null, 1) + '\n';
  }

  function download(filename, content, type) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function reviewedName(name) {
    const base = name === '-' ? 'stdin.txt' : name.replace(/^.*[\\/]/, '');
    const dot = base.lastIndexOf('.');
    return dot > 0 ? `${base.slice(0, dot)}.reviewed${base.slice(dot)}` : `${base}.reviewed.txt`;
  }

  // selection, inspector, counters, tooltip ------------------------------------------

  function select(i, scroll) {
    const doc = docs[docIndex];
    if (!doc || i < 0 || i >= doc.edits.length) return;
    const previous = doc.elements.get(doc.cur);
    if (previous) {
      previous.classList.remove('cur');
      previous.tabIndex = -1;
    }
    doc.cur = i;
    const block = doc.blocks[doc.blockOf[i]];
    if (!block.rendered) renderBlock(doc, block);
    const el = doc.elements.get(i);
    if (el && el.isConnected) {
      el.classList.add('cur');
      el.tabIndex = 0;
      el.focus({ preventScroll: true });
      if (scroll) el.scrollIntoView({ block: 'center' });
    } else if (scroll) {
      block.el.scrollIntoView({ block: 'center' });  // a rejected edit has no place in the result view
    }
    updateInspector();
  }

  function move(step) {
    const doc = docs[docIndex];
    if (!doc || !doc.edits.length) return;
    const next = doc.cur < 0 ? (step > 0 ? 0 : doc.edits.length - 1) : doc.cur + step;
    select(Math.max(0, Math.min(doc.edits.length - 1, next)), true);
  }

  function describe(doc, i) {
    const e = doc.edits[i];
    return [
      ['edit', e.id], ['rule', e.rule], ['category', e.category],
      ['confidence', Number(e.confidence).toFixed(2)],
      ['kind', e.applied ? 'applied edit' : 'suggestion'],
      ['decision', (doc.accepted[i] ? 'accepted' : 'rejected') + (doc.reviewed[i] ? '' : ' (pending)')],
      ['before', JSON.stringify(e.before)], ['after', JSON.stringify(e.after)], ['message', e.message],
    ];
  }

  function updateInspector() {
    const doc = docs[docIndex];
    const has = Boolean(doc) && doc.cur >= 0;
    $('inspector-empty').hidden = has;
    $('inspector-details').hidden = !has;
    $('accept').disabled = $('reject').disabled = !has;
    if (!has) return;
    const rows = [];
    for (const [term, value] of describe(doc, doc.cur)) {
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = term;
      dd.textContent = value;
      rows.push(dt, dd);
    }
    $('inspector-details').replaceChildren(...rows);
  }

  const counterEls = {};
  function buildCounter() {
    const parts = [];
    for (const key of ['accepted', 'rejected', 'pending']) {
      counterEls[key] = document.createElement('b');
      counterEls[key].id = `count-${key}`;
      parts.push(counterEls[key], ` ${key}`, key === 'pending' ? '' : ' · ');
    }
    $('counter').replaceChildren(...parts);
  }

  function refreshStatus() {
    for (const key in counterEls) counterEls[key].textContent = String(counts[key]);
    updateInspector();
  }

  function showTooltip(el) {
    const doc = docs[docIndex];
    const i = Number(el.dataset.i);
    const e = doc.edits[i];
    tooltip.textContent = `${e.rule} · ${e.category} · confidence ${Number(e.confidence).toFixed(2)}\n` +
      `${e.applied ? 'applied edit' : 'suggestion'}, ${doc.accepted[i] ? 'accepted' : 'rejected'}\n${e.message}`;
    tooltip.hidden = false;
    const rect = el.getBoundingClientRect();
    const width = tooltip.offsetWidth, height = tooltip.offsetHeight;
    let top = rect.bottom + 6;
    if (top + height > window.innerHeight) top = Math.max(0, rect.top - height - 6);
    tooltip.style.left = `${Math.max(4, Math.min(rect.left, window.innerWidth - width - 4))}px`;
    tooltip.style.top = `${top}px`;
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  function buildBulk() {
    const groups = new Map();  // category -> (rule -> count)
    for (const doc of docs) {
      for (const e of doc.edits) {
        if (!groups.has(e.category)) groups.set(e.category, new Map());
        const rules = groups.get(e.category);
        rules.set(e.rule, (rules.get(e.rule) || 0) + 1);
      }
    }
    const rows = [];
    for (const category of [...groups.keys()].sort()) {
      const rules = groups.get(category);
      let total = 0;
      rules.forEach((n) => { total += n; });
      rows.push(bulkRow('cat', 'category', category, total));
      for (const rule of [...rules.keys()].sort()) rows.push(bulkRow('rule', 'rule', rule, rules.get(rule)));
    }
    document.querySelector('#bulk tbody').replaceChildren(...rows);
  }

  function bulkRow(cls, key, value, n) {
    const tr = document.createElement('tr');
    tr.className = cls;
    const name = document.createElement('td');
    name.textContent = value;
    const count = document.createElement('td');
    count.textContent = String(n);
    const actions = document.createElement('td');
    actions.className = 'bulk-actions';
    for (const [label, accept] of [['accept all', true], ['reject all', false]]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.title = `${accept ? 'Accept' : 'Reject'} every ${key === 'rule' ? 'edit of rule' : 'edit in category'} ${value}`;
      button.dataset.bulk = accept ? 'accept' : 'reject';
      button.addEventListener('click', () => decideAll(key, value, accept));
      actions.append(button);
    }
    tr.append(name, count, actions);
    return tr;
  }

  function setView(name) {
    if (view === name) return;
    view = name;
    showDocument();
    const doc = docs[docIndex];
    if (doc && doc.cur >= 0) select(doc.cur, true);
  }

  // events ---------------------------------------------------------------------------

  viewEl.addEventListener('click', (event) => {
    const el = event.target.closest('.edit');
    if (el) select(Number(el.dataset.i), false);
  });
  viewEl.addEventListener('mouseover', (event) => {
    const el = event.target.closest('.edit');
    if (el) showTooltip(el);
  });
  viewEl.addEventListener('mouseout', (event) => {
    if (event.target.closest('.edit')) hideTooltip();
  });
  viewEl.addEventListener('focusin', (event) => {
    if (event.target.classList.contains('edit')) showTooltip(event.target);
  });
  viewEl.addEventListener('focusout', hideTooltip);
  viewEl.addEventListener('scroll', hideTooltip, { passive: true });
  $('accept').addEventListener('click', () => decideCurrent(true));
  $('reject').addEventListener('click', () => decideCurrent(false));
  $('download-decisions').addEventListener('click', () => download('decisions.json', decisionsJson(), 'application/json'));
  $('download-text').addEventListener('click', () => {
    const doc = docs[docIndex];
    if (doc) download(reviewedName(doc.raw.name), resultText(doc), 'text/plain;charset=utf-8');
  });
  for (const button of document.querySelectorAll('[data-view]')) {
    button.addEventListener('click', () => setView(button.dataset.view));
  }
  const docSelect = $('doc-select');
  docs.forEach((doc, index) => {
    const option = document.createElement('option');
    option.value = String(index);
    option.textContent = `${doc.raw.name} (${doc.edits.length} edits)`;
    docSelect.append(option);
  });
  docSelect.addEventListener('change', () => {
    docIndex = Number(docSelect.value);
    showDocument();
  });
  const KEYS = {
    j: () => move(1), n: () => move(1), k: () => move(-1), p: () => move(-1),
    a: () => decideCurrent(true), r: () => decideCurrent(false),
    1: () => setView('inline'), 2: () => setView('side'), 3: () => setView('result'),
  };
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest && event.target.closest('select, input, textarea')) return;
    const action = KEYS[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  buildCounter();
  buildBulk();
  showDocument();
  refreshStatus();
  // for tests and measurements: what the page holds, read-only
  window.cleanerReview = Object.freeze({ resultText: (k) => resultText(docs[k ?? docIndex]), decisionsJson });
  performance.mark('review-ready');
  document.documentElement.dataset.ready = '1';
})();
