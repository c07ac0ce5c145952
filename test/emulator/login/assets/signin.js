// The emulator's sign-in page script (served same-origin at /emulator-assets/signin.js), standing in for
// Microsoft's Knockout bundle. Both markups: on Next it asks POST <authority>/GetCredentialType (facts §1d) and
// either shows the "no such account" message (converged: #usernameError + input.has-error; Fluent: div[role=alert])
// or submits the form to continue. On the passcode step it only checks the field is not empty.
(function () {
  'use strict';
  var cfg = window.$Config || {};
  var str = cfg.str || {};
  var form = document.querySelector('form');
  if (!form) return;
  var username = document.querySelector('input#i0116, input#usernameEntry');
  var converged = !!document.getElementById('i0116');
  var busy = false;

  function usernameErrorBox() {
    return converged ? document.getElementById('usernameError') : document.getElementById('usernameEntryError');
  }

  function showUsernameError(text) {
    var box = usernameErrorBox();
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    if (converged) username.classList.add('has-error', 'ext-has-error');
    username.setAttribute('aria-invalid', 'true');
    username.focus();
  }

  function clearUsernameError() {
    var box = usernameErrorBox();
    if (box) {
      box.textContent = '';
      box.hidden = true;
    }
    username.classList.remove('has-error', 'ext-has-error');
    username.removeAttribute('aria-invalid');
  }

  function checkUsername() {
    var value = username.value.trim();
    if (!value || value.indexOf('@') < 1) {
      showUsernameError(str.enterValidUsername);
      return;
    }
    busy = true;
    var body = {
      username: value,
      isOtherIdpSupported: true,
      checkPhones: false,
      isRemoteNGCSupported: true,
      isCookieBannerShown: false,
      isFidoSupported: true,
      originalRequest: cfg.sCtx,
      country: 'US',
      forceotclogin: false,
      isExternalFederationDisallowed: false,
      isRemoteConnectSupported: false,
      federationFlags: 0,
      isSignup: false,
      flowToken: cfg.sFT,
      isAccessPassSupported: true
    };
    fetch(cfg.urlGetCredentialType, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
      body: JSON.stringify(body),
      credentials: 'same-origin'
    })
      .then(function (res) {
        return res.json();
      })
      .then(function (result) {
        busy = false;
        if (result.ThrottleStatus === 1) {
          showUsernameError(str.throttled);
        } else if (result.IfExistsResult === 0 || result.IfExistsResult === 5 || result.IfExistsResult === 6) {
          clearUsernameError();
          form.submit();
        } else {
          showUsernameError(str.unknownUsername);
        }
      })
      .catch(function () {
        busy = false;
        showUsernameError(str.genericError);
      });
  }

  form.addEventListener('submit', function (event) {
    if (!username) return; // passcode step: a plain form post
    event.preventDefault();
    if (!busy) checkUsername();
  });
  if (username) {
    username.addEventListener('input', function () {
      if (username.getAttribute('aria-invalid') === 'true') clearUsernameError();
    });
  }
})();
