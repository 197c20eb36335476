// Intake: while the operator types, ask the routing suggester for the category and show the top suggestions as
// buttons (Alt+1…3 pick one). Without JavaScript the form's own "suggest" button (Alt+S) does the same on the server.
(function () {
  'use strict';
  var form = document.querySelector('form[data-testid="intake"]');
  if (!form) { return; }
  var text = form.querySelector('textarea[name="Text"]');
  var select = form.querySelector('select[name="CategoryCode"]');
  var box = document.getElementById('live-suggestions');
  if (!text || !select || !box) { return; }
  var timer = null;
  var lastAsked = '';

  function render(categories) {
    box.textContent = '';
    categories.forEach(function (c, i) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'tag';
      b.accessKey = String(i + 1);
      b.textContent = (i + 1) + '. ' + c.nameZh + ' · ' + c.defaultUnit;
      b.addEventListener('click', function () { select.value = c.code; select.focus(); });
      box.appendChild(b);
    });
    if (categories.length > 0 && !select.value) { select.value = categories[0].code; askKb(); }
  }

  function ask() {
    var value = text.value.trim();
    if (value.length < 4 || value === lastAsked) { return; }
    lastAsked = value;
    fetch('/api/v1/hotline/suggest?text=' + encodeURIComponent(value), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { categories: [] }; })
      .then(function (body) { render(body.categories || []); })
      .catch(function () { /* the server-side suggest button still works */ });
  }

  // Standard answers for the chosen category (and the words so far): each can close the call at once, citing it.
  var kb = document.getElementById('live-kb');
  var kbTimer = null;
  function renderKb(entries) {
    kb.textContent = '';
    if (form.querySelector('[data-testid="kb-suggestions"]')) { return; }
    entries.forEach(function (e) {
      var item = document.createElement('div');
      item.className = 'panel';
      var title = document.createElement('strong');
      title.textContent = '#' + e.id + ' ' + e.title;
      var answer = document.createElement('p');
      answer.className = 'pre';
      answer.textContent = e.answer;
      var source = document.createElement('p');
      source.className = 'note';
      source.textContent = (kb.dataset.source || '') + ': ' + e.source;
      var b = document.createElement('button');
      b.type = 'submit';
      b.name = 'kbEntryId';
      b.value = String(e.id);
      b.formAction = kb.dataset.action;
      b.textContent = kb.dataset.resolve || 'OK';
      item.appendChild(title);
      item.appendChild(answer);
      item.appendChild(source);
      item.appendChild(b);
      kb.appendChild(item);
    });
  }
  function askKb() {
    if (!kb || !select.value) { if (kb) { kb.textContent = ''; } return; }
    var url = '/api/v1/hotline/kb/suggest?category=' + encodeURIComponent(select.value) + '&text=' + encodeURIComponent(text.value.trim());
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(renderKb)
      .catch(function () { /* the server-side suggest button lists them too */ });
  }
  select.addEventListener('change', askKb);
  text.addEventListener('input', function () {
    clearTimeout(kbTimer);
    kbTimer = setTimeout(askKb, 600);
  });

  text.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 400);
  });
})();
