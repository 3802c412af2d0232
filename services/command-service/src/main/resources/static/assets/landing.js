// The landing page: links to each page; the projector dashboard lives on the query-service.
import {loadMessages, wireLanguageSwitch} from '/assets/i18n.js';
import {queryBase} from '/assets/api.js';

document.getElementById('link-dashboard').href = `${queryBase()}/dashboard/`;
loadMessages().then(wireLanguageSwitch);
