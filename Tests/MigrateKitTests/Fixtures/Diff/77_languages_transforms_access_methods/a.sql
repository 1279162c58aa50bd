CREATE ACCESS METHOD old_heap TYPE TABLE HANDLER heap_tableam_handler;
