/** Starts the app: mounted over the header bar that index.html drew while this chunk loaded. */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';

createApp(App).use(createPinia()).mount('#app');
