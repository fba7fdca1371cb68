/* Material for MkDocs 9.8.1, partials/javascripts/content.html: opens the content tab named in the URL's #fragment.
 * Moved out of line because the Content-Security-Policy (overrides/main.html) allows no
 * inline script. Keep the code identical to Material's: tests/test_csp.py compares them. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
