import { useState } from 'preact/hooks';

/** Copies text to the clipboard and says so; where the clipboard is refused it says that instead. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [said, setSaid] = useState('');
  const copy = () =>
    navigator.clipboard
      .writeText(text)
      .then(() => setSaid('Copied'))
      .catch(() => setSaid('The browser refused; select the text and copy it'));
  return (
    <span class="copy">
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span role="status">{said}</span>
    </span>
  );
}
