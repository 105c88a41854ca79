console.log('txsim: not yet');
