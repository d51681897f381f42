// What every page's head has beyond its own charset, viewport, title, stylesheet and script: the Livedesk
// icon. Each page's script imports this first, so the icon is named in one place.
const icon = document.createElement('link');
icon.rel = 'icon';
icon.href = '/favicon.svg';
document.head.append(icon);
