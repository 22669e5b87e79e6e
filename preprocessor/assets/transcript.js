// mdbook-transcript: the copy button of a transcript copies its command alone.
(function () {
    if (window.mdbookTranscript) {
        return; // print.html holds every page, and with it this script many times
    }
    window.mdbookTranscript = true;
    function copied(button) {
        button.classList.add('copied');
        button.setAttribute('aria-label', 'Copied');
        setTimeout(function () {
            button.classList.remove('copied');
            button.setAttribute('aria-label', 'Copy the command');
        }, 1500);
    }
    function fallback(text, button) {
        var area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        if (document.execCommand('copy')) {
            copied(button);
        }
        document.body.removeChild(area);
    }
    document.addEventListener('click', function (event) {
        var button = event.target.closest && event.target.closest('.transcript-copy');
        if (!button) {
            return;
        }
        var text = button.getAttribute('data-command');
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(function () {
                copied(button);
            }, function () {
                fallback(text, button);
            });
        } else {
            fallback(text, button);
        }
    });
})();
