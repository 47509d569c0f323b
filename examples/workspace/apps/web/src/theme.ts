import { createTheme } from '@acme/ui/legacy';

export const theme = createTheme({ brand: '#0b5fff' });
