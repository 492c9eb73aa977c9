// The global nav's "Me" menu opens and closes like LinkedIn's; its links are in the DOM either way, except
// with 'lazy-me-menu', where they are rendered when the menu is first opened.

const button = document.querySelector<HTMLButtonElement>('button[aria-controls="global-nav-me-menu"]');
const menu = document.getElementById('global-nav-me-menu');

if (button && menu) {
  const setOpen = (open: boolean): void => {
    if (open && menu.childElementCount === 0) {
      const name = document.createElement('div');
      name.className = 'me-menu__name';
      name.textContent = menu.dataset.name ?? '';
      const profile = document.createElement('a');
      profile.href = menu.dataset.profile ?? '/';
      profile.textContent = 'View profile';
      menu.append(name, profile);
    }
    menu.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  button.addEventListener('click', (event) => {
    event.stopPropagation();
    setOpen(menu.hidden);
  });
  document.addEventListener('click', (event) => {
    if (!menu.contains(event.target as Node)) setOpen(false);
  });
}

export {};
