// The emulator's sign-in page script (served same-origin at /emulator-assets/signin.js), standing in for
// Microsoft's Knockout bundle. Both markups, both readings:
// - captured (real-behaviour §1–§3; `$Config.sMarkup` set): the served body is empty and hidden; after load this
//   script builds the username view (with the hidden off-screen #i0118 password input), shows the body, and on an
//   unknown address INSERTS the error node (converged: #usernameError inside div[role=alert][aria-live=assertive];
//   Fluent: div[role=alert]#usernameEntryError), with a link inside, and REMOVES it when the error clears (typing,
//   or the next Next). The message follows GetCredentialType's DomainType (§2); a lookup without a verdict
//   (IfExistsResult 2 or 4, or MSA-throttled) switches to the account-type view with no error text (§3).
// - facts (the old reading): the form is server-rendered and visible, the error box is hidden/shown in place, the
//   message was chosen by the server per endpoint, and ThrottleStatus 1 shows a "too many requests" text.
// On the passcode step it only checks the field is not empty.
(function () {
  'use strict';
  var cfg = window.$Config || {};
  var str = cfg.str || {};
  var captured = !!cfg.sMarkup;
  var converged = captured ? cfg.sMarkup === 'converged' : !!document.getElementById('i0116');
  var form, username, errorHost;
  var busy = false;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var key in attrs || {}) node.setAttribute(key, attrs[key]);
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function hidden(name, value) {
    return el('input', { type: 'hidden', name: name, value: value || '' });
  }

  /** The hidden password input Microsoft keeps on the username step for password managers (real-behaviour §1). */
  function offScreenPassword() {
    return el('input', { name: 'passwd', type: 'password', id: 'i0118', autocomplete: 'off', class: 'moveOffScreen', tabindex: '-1', 'aria-hidden': 'true' });
  }

  function buildConverged() {
    username = el('input', {
      type: 'email', name: 'loginfmt', id: 'i0116', maxlength: '113', lang: 'en',
      class: 'form-control ltr_override input ext-input text-box ext-text-box', 'aria-required': 'true',
      'data-report-event': 'Signin_Email_Phone_Skype', 'data-report-trigger': 'click', 'data-report-value': 'Email_Phone_Skype_Entry',
      'data-bind': "textInput: usernameTextbox.value, ariaDescribedBy: ['loginHeader', 'usernameError'], hasFocusEx: usernameTextbox.focused, externalCss: { 'input': true, 'text-box': true, 'has-error': usernameTextbox.error }",
      'aria-label': str.placeholder, placeholder: str.placeholder, 'aria-describedby': 'loginHeader'
    });
    username.value = cfg.sPOST_Username || '';
    errorHost = el('div', { role: 'alert', 'aria-live': 'assertive' });
    var view = el('div', { 'data-viewid': '1', 'data-showfedcredbutton': 'true' }, [
      el('div', { id: 'loginHeader', class: 'row title ext-title', 'data-bind': "externalCss: { 'title': true }" }, [
        el('div', { role: 'heading', 'aria-level': '1', 'data-bind': "text: str['WF_STR_HeaderDefault_Title']" }, [str.title])
      ]),
      el('div', { class: 'row' }, [
        errorHost,
        el('div', { class: 'form-group col-md-24' }, [
          el('div', { class: 'placeholderContainer', 'data-bind': "component: { name: 'placeholder-textbox-field' }" }, [username, offScreenPassword()])
        ])
      ]),
      el('div', { class: 'position-buttons' }, [
        el('div', { class: 'row' }, [
          el('div', { class: 'col-xs-24 no-padding-left-right button-container', 'data-bind': 'visible: isPrimaryButtonVisible' }, [
            el('div', { class: 'inline-block button-item ext-button-item' }, [
              el('input', { type: 'submit', id: 'idSIButton9', class: 'win-button button_primary high-contrast-overrides button ext-button primary ext-primary', 'data-report-event': 'Signin_Submit', value: str.next })
            ])
          ])
        ])
      ])
    ]);
    var main = el('div', { role: 'main' }, [el('div', { class: 'pagination-view animate slide-in-next', 'data-bind': "component: { name: 'login-paginated-username-view-agent' }" }, [view])]);
    form = el('form', { name: 'f1', id: 'i0281', novalidate: 'novalidate', spellcheck: 'false', method: 'post', target: '_top', autocomplete: 'off', 'data-bind': 'autoSubmit: forceSubmit, attr: { action: postUrl }', action: cfg.urlPost }, [
      el('div', { class: 'login-paginated-page', 'data-bind': "component: { name: 'master-page' }" }, [
        el('div', { id: 'lightboxTemplateContainer' }, [
          el('div', { id: 'lightbox', class: 'sign-in-box ext-sign-in-box fade-in-lightbox' }, [
            el('div', { class: 'logo', role: 'banner' }, [el('span', { class: 'logo-text' }, ['Microsoft'])]),
            main
          ])
        ])
      ]),
      hidden('ctx', cfg.sCtx), hidden(cfg.sFTName || 'flowToken', cfg.sFT), hidden('hpgrequestid', '')
    ]);
    return el('div', {}, [form]);
  }

  function buildFluent() {
    username = el('input', { id: 'usernameEntry', name: 'username', type: 'email', autocomplete: 'username', 'aria-label': str.placeholder, placeholder: str.placeholder });
    username.value = cfg.sPOST_Username || '';
    errorHost = el('div', { 'data-testid': 'inputField' }, [username, offScreenPassword()]);
    form = el('form', { method: 'post', action: cfg.urlPost, novalidate: '', 'data-testid': 'signInForm' }, [
      el('div', { 'data-testid': 'logo' }, [el('span', {}, ['Microsoft'])]),
      el('h1', { 'data-testid': 'title' }, [str.title]),
      errorHost,
      el('div', { 'data-testid': 'buttons' }, [el('button', { type: 'submit', 'data-testid': 'primaryButton' }, [str.next])]),
      hidden('ctx', cfg.sCtx), hidden('flowToken', cfg.sFT),
      el('div', { 'data-testid': 'viewFooter' }, [el('a', { href: '#', 'data-testid': 'signInOptions' }, ['Sign-in options'])])
    ]);
    return el('div', { id: 'root', 'data-testid': 'appRoot' }, [form]);
  }

  /** The message's content: text, and for "couldn't find" the sign-up link (real-behaviour §1). */
  function messageNodes(kind) {
    if (kind === 'not-found') {
      var at = str.notFound.indexOf(str.notFoundLink);
      if (at >= 0) {
        return [
          str.notFound.slice(0, at),
          el('a', { id: 'idA_PWD_SignUp', href: cfg.urlMsaSignUp || '#', 'aria-describedby': 'usernameError' }, [str.notFoundLink]),
          str.notFound.slice(at + str.notFoundLink.length)
        ];
      }
      return [str.notFound];
    }
    return [{ 'may-be-incorrect': str.mayBeIncorrect, invalid: str.invalid }[kind] || str.genericError];
  }

  function showCapturedError(kind) {
    clearCapturedError();
    var node;
    if (converged) {
      node = el('div', { id: 'usernameError', class: 'error ext-error', 'data-bind': "externalCss: { 'error': true }, htmlWithBindings: usernameTextbox.error" }, messageNodes(kind));
      errorHost.appendChild(node);
      username.classList.add('has-error', 'ext-has-error');
      username.setAttribute('aria-describedby', 'loginHeader usernameError');
    } else {
      node = el('div', { id: 'usernameEntryError', role: 'alert', 'aria-live': 'assertive', 'data-testid': 'usernameEntryError' }, messageNodes(kind));
      errorHost.appendChild(node);
      username.setAttribute('aria-invalid', 'true');
      username.setAttribute('aria-describedby', 'usernameEntryError');
    }
    username.focus();
  }

  function clearCapturedError() {
    var node = document.getElementById(converged ? 'usernameError' : 'usernameEntryError');
    if (node) node.remove();
    username.classList.remove('has-error', 'ext-has-error');
    username.removeAttribute('aria-invalid');
    if (converged) username.setAttribute('aria-describedby', 'loginHeader');
    else username.removeAttribute('aria-describedby');
  }

  /** real-behaviour §3: no verdict → which kind of account? No error text. */
  function showAccountTypeView() {
    clearCapturedError();
    var tile = function (id, text) {
      var node = el('div', { id: id, class: 'tile', role: 'button', tabindex: '0' }, [text]);
      node.addEventListener('click', function () {
        form.submit();
      });
      return node;
    };
    var view = el('div', { 'data-viewid': '16', id: 'idDiv_AccountType' }, [
      el('div', { id: 'loginHeader', class: 'row title ext-title', role: 'heading', 'aria-level': '1' }, [str.accountTypeHeading]),
      el('div', { class: 'row tile-container' }, [tile('aadTile', str.workOrSchool), tile('msaTile', str.personal)]),
      el('input', { type: 'button', id: 'idBtn_Back', class: 'win-button button-secondary button ext-button secondary ext-secondary', value: str.back })
    ]);
    // The username stays in the form (hidden), so a tile can submit it.
    username.setAttribute('type', 'hidden');
    var visible = converged ? form.querySelector('[data-viewid="1"]') : form.querySelector('[data-testid="title"]');
    visible.parentNode.insertBefore(view, visible);
    visible.remove();
    var buttons = form.querySelector('[data-testid="buttons"]');
    if (buttons) buttons.remove();
    form.appendChild(username);
    var old = form.querySelector('[data-testid="inputField"]');
    if (old) old.remove();
  }

  // --- the old reading: server-rendered form, the error box shown and hidden in place ---
  function legacyErrorBox() {
    return converged ? document.getElementById('usernameError') : document.getElementById('usernameEntryError');
  }

  function showLegacyError(text) {
    var box = legacyErrorBox();
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    if (converged) username.classList.add('has-error', 'ext-has-error');
    username.setAttribute('aria-invalid', 'true');
    username.focus();
  }

  function clearLegacyError() {
    var box = legacyErrorBox();
    if (box) {
      box.textContent = '';
      box.hidden = true;
    }
    username.classList.remove('has-error', 'ext-has-error');
    username.removeAttribute('aria-invalid');
  }

  function showError(kind) {
    if (captured) showCapturedError(kind);
    else showLegacyError(kind === 'invalid' ? str.enterValidUsername : kind === 'throttled' ? str.throttled : kind === 'generic' ? str.genericError : str.unknownUsername);
  }

  function clearError() {
    if (captured) clearCapturedError();
    else clearLegacyError();
  }

  function decide(result) {
    var verdict = result.IfExistsResult;
    if (captured) {
      // Exists (0), at another IdP (5): go on. Both (6), throttled (2), error (4) or MSA-throttled: ask which account.
      if (verdict === 0 || verdict === 5) return form.submit();
      if (verdict === 6 || verdict === 2 || verdict === 4 || (result.ThrottleStatus & 2) === 2) return showAccountTypeView();
      var domainType = result.EstsProperties && result.EstsProperties.DomainType;
      return showError(domainType === 3 || domainType === 4 || domainType === 5 ? 'may-be-incorrect' : 'not-found');
    }
    if (result.ThrottleStatus === 1) return showError('throttled');
    if (verdict === 0 || verdict === 5 || verdict === 6) {
      clearError();
      return form.submit();
    }
    showError('unknown');
  }

  function checkUsername() {
    var value = username.value.trim();
    if (captured) clearError(); // the error node goes away while the page asks again
    if (!value || value.indexOf('@') < 1) {
      showError('invalid');
      return;
    }
    busy = true;
    fetch(cfg.urlGetCredentialType, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
      body: JSON.stringify({
        username: value, isOtherIdpSupported: true, checkPhones: false, isRemoteNGCSupported: true, isCookieBannerShown: false,
        isFidoSupported: true, originalRequest: cfg.sCtx, country: 'US', forceotclogin: false, isExternalFederationDisallowed: false,
        isRemoteConnectSupported: false, federationFlags: 0, isSignup: false, flowToken: cfg.sFT, isAccessPassSupported: true
      }),
      credentials: 'same-origin'
    })
      .then(function (res) {
        return res.json();
      })
      .then(function (result) {
        busy = false;
        decide(result);
      })
      .catch(function () {
        busy = false;
        showError('generic');
      });
  }

  function wire() {
    form = form || document.querySelector('form');
    if (!form) return;
    username = username || document.querySelector('input#i0116, input#usernameEntry');
    form.addEventListener('submit', function (event) {
      if (!username) return; // passcode step: a plain form post
      event.preventDefault();
      if (!busy) checkUsername();
    });
    if (username) {
      username.addEventListener('input', function () {
        if (captured ? document.getElementById(converged ? 'usernameError' : 'usernameEntryError') : username.getAttribute('aria-invalid') === 'true') clearError();
      });
    }
  }

  function build() {
    document.body.appendChild(converged ? buildConverged() : buildFluent());
    document.body.style.removeProperty('display');
    wire();
    var initial = { 1: 'not-found', 2: 'may-be-incorrect', 3: 'invalid' }[cfg.iUsernameError];
    if (initial) showCapturedError(initial);
  }

  if (!captured) {
    wire();
  } else if (document.readyState === 'complete') {
    setTimeout(build, 0);
  } else {
    // Like Knockout: the view is built after the page has loaded.
    window.addEventListener('load', function () {
      setTimeout(build, 0);
    });
  }
})();
