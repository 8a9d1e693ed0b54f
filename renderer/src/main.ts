import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createClient, installClient } from './api/client';
import { createTransport, HISTORY_MODE } from './api/create-transport';
import { mendLibraryMarkup } from './a11y/library-markup';
import App from './App.vue';
import { createAppRouter } from './router';

installClient(createClient(createTransport()));

const app = createApp(App);
app.use(createPinia());
app.use(createAppRouter(HISTORY_MODE));
app.mount('#app');
mendLibraryMarkup(document.body);
